import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { weekLabel } from "@/domain/weekly";
import { ZRecordWeeklyDecisionRequest, type TRecordWeeklyDecisionRequest } from "@/lib/schemas/weekly";
import { assertCan } from "@/server/auth/authorize";
import { now } from "@/server/clock";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";

import { findWeeklyService, meetingWeek } from "./weekly-access";

/**
 * A decision of the weekly synchronisation, recorded against a line of the week's agenda by
 * whoever holds weekly.record (the Process Master, the Service Master). Append-only.
 */
export async function recordWeeklyDecision(actor: Actor, serviceKeyOrId: string, input: TRecordWeeklyDecisionRequest): Promise<{ id: string; version: number }> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const service = await findWeeklyService(tx, actor, serviceKeyOrId);
    await assertCan(actor, "weekly.record", service.scope);
    const cmd = parseInput(ZRecordWeeklyDecisionRequest, input);
    const weekStart = meetingWeek(cmd.week, now());
    const row = await tx.weeklyDecision.create({
      data: { serviceId: service.id, weekStart, lineKey: cmd.lineKey, lineText: cmd.lineText, text: cmd.text, decidedById: actorUserId(actor) },
      select: { id: true },
    });
    emit(service.id, "weekly.decision.recorded", { decisionId: row.id, week: weekLabel(weekStart), lineKey: cmd.lineKey, text: cmd.text });
    return { id: row.id, version: 1 };
  });
  return result;
}
