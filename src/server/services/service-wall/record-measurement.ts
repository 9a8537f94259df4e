import "server-only";
import type { Actor } from "@/domain/permissions";
import { meetsTarget } from "@/domain/service-levels";
import { ZRecordMeasurementRequest, type TRecordMeasurementRequest, type TServiceWallWrite } from "@/lib/schemas/service-wall";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { openOrResolveBreach } from "./evaluate-breach";
import { levelFor } from "./level-for";
import { actorIdOf, lastSeqOf } from "./service-wall-access";

/**
 * A measured value of a target (a response or restore time, an availability figure): one that
 * misses the target opens a breach and one problem on the Operations stage; one that meets it
 * again resolves the open breach.
 */
export async function recordMeasurement(actor: Actor, serviceLevelId: string, input: TRecordMeasurementRequest): Promise<TServiceWallWrite> {
  const { result, events } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const level = await levelFor(tx, actor, serviceLevelId, "availability.report");
    const cmd = parseInput(ZRecordMeasurementRequest, input);
    const missed = !meetsTarget(cmd.measured, level.target, level.higherIsBetter);
    const r = await openOrResolveBreach(tx, emit, level, {
      missed,
      measured: cmd.measured,
      occurredAt: new Date(cmd.occurredAt),
      note: cmd.note,
      detail: `${level.name}: measured ${cmd.measured} ${level.unit}, target ${level.higherIsBetter ? "at least" : "at most"} ${level.target} ${level.unit}.${cmd.note ? ` ${cmd.note}` : ""}`,
    });
    return { serviceId: level.serviceId, id: r.opened ?? r.resolved };
  });
  return { ok: true, id: result.id, version: null, seq: lastSeqOf(events, result.serviceId) };
}
