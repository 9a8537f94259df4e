import "server-only";
import { can, mayMarkWeeklyAction, type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZUpdateWeeklyActionRequest, type TUpdateWeeklyActionRequest } from "@/lib/schemas/weekly";
import { recordDenied, visibleServiceWhere } from "@/server/auth/authorize";
import { now } from "@/server/clock";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";

/**
 * Marks a weekly action done (or open again): its owner, or whoever records the meeting
 * (weekly.record). Versioned: a stale version is a 409 naming the version now.
 */
export async function updateWeeklyAction(actor: Actor, actionId: string, input: TUpdateWeeklyActionRequest): Promise<{ id: string; version: number }> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const action = await tx.weeklyAction.findFirst({
      where: { id: actionId, service: visibleServiceWhere(actor) },
      select: { id: true, serviceId: true, ownerId: true, version: true, service: { select: { teamId: true } } },
    });
    if (!action) throw new AppError("NOT_FOUND", "Action not found.");
    const scope = { teamId: action.service.teamId, serviceId: action.serviceId };
    if (!mayMarkWeeklyAction(actor, scope, action)) {
      await recordDenied(actor, "weekly.action.mark", scope);
      throw new AppError("FORBIDDEN", can(actor, "item.comment", scope) ? "Only its owner, the Process Master or the Service Master marks an action done." : "You may not change the weekly actions here.");
    }
    const cmd = parseInput(ZUpdateWeeklyActionRequest, input);
    const updated = await tx.weeklyAction.updateMany({
      where: { id: action.id, version: cmd.version },
      data: { version: { increment: 1 }, status: cmd.done ? "DONE" : "OPEN", doneAt: cmd.done ? now() : null },
    });
    if (updated.count !== 1) {
      throw new AppError("VERSION_CONFLICT", `Someone changed this action since you saw it (version ${cmd.version}, now ${action.version}): reload and try again.`, {
        current: null,
        version: action.version,
      });
    }
    emit(action.serviceId, "weekly.action.updated", { actionId: action.id, done: cmd.done, version: cmd.version + 1 });
    return { id: action.id, version: cmd.version + 1 };
  });
  return result;
}
