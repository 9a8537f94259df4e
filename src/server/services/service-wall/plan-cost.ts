import "server-only";
import { parseMonth } from "@/domain/operating-cost";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZPlanCostRequest, type TPlanCostRequest, type TServiceWallWrite } from "@/lib/schemas/service-wall";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { actorIdOf, lastSeqOf, serviceFor } from "./service-wall-access";

/** The Service Master plans a month's cost in a category; the same month and category twice is a 409. */
export async function planCost(actor: Actor, serviceId: string, input: TPlanCostRequest): Promise<TServiceWallWrite> {
  const { result, events } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const service = await serviceFor(tx, actor, serviceId, "cost.plan");
    const cmd = parseInput(ZPlanCostRequest, input);
    const month = parseMonth(cmd.month)!;
    // The service row's lock (no-op write) serialises two plans of the same month.
    await tx.service.update({ where: { id: service.id }, data: { lastSeq: { increment: 0 } }, select: { id: true } });
    const clash = await tx.operatingCost.findFirst({ where: { serviceId: service.id, month, category: cmd.category }, select: { id: true } });
    if (clash) throw new AppError("CONFLICT", `${cmd.category} cost for ${cmd.month} is planned already.`);
    const row = await tx.operatingCost.create({
      data: { serviceId: service.id, month, category: cmd.category, planned: cmd.planned },
      select: { id: true, version: true },
    });
    emit(service.id, "cost.recorded", { month: month.toISOString(), planned: cmd.planned, actual: null, category: cmd.category, costId: row.id, version: row.version });
    return { serviceId: service.id, ...row };
  });
  return { ok: true, id: result.id, version: result.version, seq: lastSeqOf(events, result.serviceId) };
}
