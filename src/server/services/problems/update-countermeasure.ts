import "server-only";
import { can, mayMarkCountermeasure, type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZUpdateCountermeasureRequest, type TUpdateCountermeasureRequest } from "@/lib/schemas/kaizen";
import { assertCan, recordDenied, visibleServiceWhere } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { assertTeamMember, dayToDate, emitProblemUpdated, touchProblem } from "./problem-access";

/**
 * Marks a countermeasure done (or open again) — its owner or a facilitator — or edits it
 * (anyone who may edit Kaizen in the team). Versioned per countermeasure.
 */
export async function updateCountermeasure(actor: Actor, countermeasureId: string, input: TUpdateCountermeasureRequest): Promise<{ id: string; version: number }> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const cm = await tx.countermeasure.findFirst({
      where: { id: countermeasureId, problem: { service: visibleServiceWhere(actor) } },
      select: { id: true, ownerId: true, version: true, status: true, problem: { select: { id: true, pdca: true, serviceId: true, service: { select: { teamId: true } } } } },
    });
    if (!cm) throw new AppError("NOT_FOUND", "Countermeasure not found.");
    const scope = { teamId: cm.problem.service.teamId, serviceId: cm.problem.serviceId };
    const cmd = parseInput(ZUpdateCountermeasureRequest, input);
    const edits = cmd.description !== undefined || cmd.ownerId !== undefined || cmd.dueDate !== undefined;
    if (cmd.done !== undefined && !mayMarkCountermeasure(actor, scope, cm)) {
      await recordDenied(actor, "kaizen.countermeasure.mark", scope);
      throw new AppError("FORBIDDEN", can(actor, "kaizen.edit", scope) ? "Only its owner or the Process Master marks a countermeasure done." : "You may not change Kaizen here.");
    }
    if (edits) await assertCan(actor, "kaizen.edit", scope);
    if (cm.problem.pdca === "CLOSED") throw new AppError("RULE_VIOLATION", "A closed problem does not change.", { rule: "PROBLEM_CLOSED" });
    if (cmd.ownerId) await assertTeamMember(tx, scope.teamId, cmd.ownerId, "ownerId");
    const updated = await tx.countermeasure.updateMany({
      where: { id: cm.id, version: cmd.version },
      data: {
        version: { increment: 1 },
        ...(cmd.done !== undefined ? { status: cmd.done ? "DONE" : "OPEN", doneAt: cmd.done ? new Date() : null } : {}),
        ...(cmd.description !== undefined ? { description: cmd.description } : {}),
        ...(cmd.ownerId !== undefined ? { ownerId: cmd.ownerId } : {}),
        ...(cmd.dueDate !== undefined ? { dueDate: cmd.dueDate ? dayToDate(cmd.dueDate) : null } : {}),
      },
    });
    if (updated.count !== 1) {
      throw new AppError("VERSION_CONFLICT", `Someone changed this countermeasure since you saw it (version ${cmd.version}, now ${cm.version}): reload and try again.`, {
        current: null,
        version: cm.version,
      });
    }
    await touchProblem(tx, cm.problem.id);
    await emitProblemUpdated(tx, emit, cm.problem.id, "countermeasure");
    return { id: cm.id, version: cmd.version + 1 };
  });
  return result;
}
