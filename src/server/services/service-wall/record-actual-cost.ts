import "server-only";
import { parseMonth } from "@/domain/operating-cost";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZRecordActualCostRequest, type TRecordActualCostRequest, type TServiceWallWrite } from "@/lib/schemas/service-wall";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { actorIdOf, lastSeqOf, serviceFor } from "./service-wall-access";

/**
 * The actual cost of a planned month and category. Entered once; a second entry for the same
 * month is a 409 unless it names the version it corrects (a stale version is a 409 too).
 */
export async function recordActualCost(actor: Actor, serviceId: string, input: TRecordActualCostRequest): Promise<TServiceWallWrite> {
  const { result, events } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const service = await serviceFor(tx, actor, serviceId, "cost.recordActual");
    const cmd = parseInput(ZRecordActualCostRequest, input);
    const month = parseMonth(cmd.month)!;
    const line = await tx.operatingCost.findFirst({
      where: { serviceId: service.id, month, category: cmd.category },
      select: { id: true, planned: true, actual: true, version: true },
    });
    if (!line) {
      throw new AppError("RULE_VIOLATION", `No ${cmd.category} cost is planned for ${cmd.month}: the Service Master plans it first.`, { rule: "NOT_PLANNED" });
    }
    if (cmd.expectedVersion === undefined && line.actual !== null) {
      throw new AppError("CONFLICT", `The actual ${cmd.category} cost for ${cmd.month} was entered already (${line.actual}); correct it with the version you saw.`, {
        current: { version: line.version, actual: line.actual },
      });
    }
    const expected = cmd.expectedVersion ?? line.version;
    const { count } = await tx.operatingCost.updateMany({ where: { id: line.id, version: expected }, data: { actual: cmd.actual, version: { increment: 1 } } });
    if (count === 0) {
      throw new AppError("VERSION_CONFLICT", `The ${cmd.category} cost for ${cmd.month} was changed since you looked: reload and try again.`, {
        current: { version: line.version, actual: line.actual },
      });
    }
    emit(service.id, "cost.recorded", { month: month.toISOString(), planned: line.planned, actual: cmd.actual, category: cmd.category, costId: line.id, version: expected + 1 });
    return { serviceId: service.id, id: line.id, version: expected + 1 };
  });
  return { ok: true, id: result.id, version: result.version, seq: lastSeqOf(events, result.serviceId) };
}
