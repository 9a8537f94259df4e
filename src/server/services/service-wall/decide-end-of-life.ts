import "server-only";
import { decideEndOfLife as decideTransition, retiredMessage } from "@/domain/end-of-life";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZEndOfLifeRequest, type TEndOfLifeRequest, type TServiceWallWrite } from "@/lib/schemas/service-wall";
import { recordDenied } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { actorIdOf, bumpServiceVersion, lastSeqOf, serviceFor } from "./service-wall-access";

/**
 * Only the Service Master decides the end of life: when, the conditions, the migration or
 * notice plan. ACTIVE → RETIRING → RETIRED (or back to ACTIVE while retiring). The decision is
 * an Event like every other; once RETIRED the service refuses every write (runCommand).
 */
export async function decideEndOfLife(actor: Actor, serviceId: string, input: TEndOfLifeRequest): Promise<TServiceWallWrite> {
  const { result, events } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const service = await serviceFor(tx, actor, serviceId, "service.endOfLife");
    if (actor.kind !== "user") {
      // A token may carry any scope its creator ticked; the end of a service is a person's call.
      await recordDenied(actor, "service.endOfLife", { teamId: service.teamId, serviceId: service.id });
      throw new AppError("FORBIDDEN", "The end of life is decided by the Service Master in person, not by a token.");
    }
    const cmd = parseInput(ZEndOfLifeRequest, input);
    const check = decideTransition(service.status, cmd.decision);
    if (!check.ok) {
      // The same words every door answers a retired service with.
      throw new AppError("RULE_VIOLATION", check.code === "SERVICE_RETIRED" ? retiredMessage(service.name) : check.message, { rule: check.code });
    }
    if (cmd.decision === "RETIRE" && Date.parse(cmd.date!) < Date.now() - 86_400_000) {
      throw new AppError("RULE_VIOLATION", "The end-of-life date is in the past: choose a date from today on.", { rule: "DATE_IN_PAST" });
    }
    const version = await bumpServiceVersion(tx, service.id, cmd.expectedVersion);
    const now = new Date();
    const data =
      cmd.decision === "RETIRE"
        ? { endOfLifeDate: new Date(cmd.date!), endOfLifeConditions: cmd.conditions || null, endOfLifePlan: cmd.plan }
        : cmd.decision === "KEEP"
          ? { endOfLifeDate: null, endOfLifeConditions: null, endOfLifePlan: null }
          : // Retired: the date is when it happened; conditions and plan stay as decided.
            { endOfLifeDate: now };
    const row = await tx.service.update({
      where: { id: service.id },
      data: { ...data, status: check.to, endOfLifeDecidedAt: now, endOfLifeDecidedById: actor.userId },
      select: { endOfLifeDate: true, endOfLifeConditions: true, endOfLifePlan: true },
    });
    emit(service.id, "service.endOfLife.decided", {
      from: service.status,
      to: check.to,
      date: row.endOfLifeDate?.toISOString() ?? null,
      conditions: row.endOfLifeConditions,
      plan: row.endOfLifePlan,
      version,
    });
    return { serviceId: service.id, version };
  });
  return { ok: true, id: result.serviceId, version: result.version, seq: lastSeqOf(events, result.serviceId) };
}
