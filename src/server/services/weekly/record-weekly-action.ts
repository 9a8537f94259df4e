import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { weekLabel } from "@/domain/weekly";
import { ZRecordWeeklyActionRequest, type TRecordWeeklyActionRequest } from "@/lib/schemas/weekly";
import { assertCan } from "@/server/auth/authorize";
import { now } from "@/server/clock";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { assertTeamMember, dayToDate, fieldError } from "@/server/services/problems/problem-access";
import { findWeeklyService, meetingWeek } from "./weekly-access";

/**
 * An action agreed in the weekly synchronisation, against a line of the week's agenda, with an
 * owner who works in the service's team and a due date no earlier than the meeting's week. It
 * shows on every later agenda until it is marked done (updateWeeklyAction).
 */
export async function recordWeeklyAction(actor: Actor, serviceKeyOrId: string, input: TRecordWeeklyActionRequest): Promise<{ id: string; version: number }> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const service = await findWeeklyService(tx, actor, serviceKeyOrId);
    await assertCan(actor, "weekly.record", service.scope);
    const cmd = parseInput(ZRecordWeeklyActionRequest, input);
    const weekStart = meetingWeek(cmd.week, now());
    const dueDate = dayToDate(cmd.dueDate);
    if (dueDate < weekStart) throw fieldError("dueDate", "The due date is before the meeting's week: give a day from its Monday on.");
    await assertTeamMember(tx, service.teamId, cmd.ownerId, "ownerId");
    const row = await tx.weeklyAction.create({
      data: { serviceId: service.id, weekStart, lineKey: cmd.lineKey, lineText: cmd.lineText, text: cmd.text, ownerId: cmd.ownerId, dueDate, createdById: actorUserId(actor) },
      select: { id: true, version: true },
    });
    emit(service.id, "weekly.action.recorded", {
      actionId: row.id,
      week: weekLabel(weekStart),
      lineKey: cmd.lineKey,
      text: cmd.text,
      ownerId: cmd.ownerId,
      dueDate: cmd.dueDate,
    });
    return row;
  });
  return result;
}
