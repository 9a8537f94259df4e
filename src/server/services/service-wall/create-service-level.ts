import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZCreateServiceLevelRequest, type TCreateServiceLevelRequest, type TServiceWallWrite } from "@/lib/schemas/service-wall";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { actorIdOf, lastSeqOf, serviceFor } from "./service-wall-access";

/**
 * An SLA or OLA target, set directly or from an operations story (which sets the service's
 * conditions of operation and produces its SLA and OLA: DOMAIN.md).
 */
export async function createServiceLevel(actor: Actor, serviceId: string, input: TCreateServiceLevelRequest): Promise<TServiceWallWrite> {
  const { result, events } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const service = await serviceFor(tx, actor, serviceId, "serviceLevel.manage");
    const cmd = parseInput(ZCreateServiceLevelRequest, input);
    if (cmd.operationsStoryId) {
      const story = await tx.story.findFirst({ where: { id: cmd.operationsStoryId, item: { serviceId: service.id } }, select: { kind: true } });
      if (!story) throw new AppError("NOT_FOUND", "Story not found in this service.");
      if (story.kind !== "OPERATIONS") {
        throw new AppError("RULE_VIOLATION", "Service levels come from an operations story, not a user or test story.", { rule: "NOT_AN_OPERATIONS_STORY" });
      }
    }
    const level = await tx.serviceLevel.create({
      data: {
        serviceId: service.id,
        kind: cmd.kind,
        name: cmd.name,
        target: cmd.target,
        unit: cmd.unit,
        higherIsBetter: cmd.higherIsBetter ?? cmd.unit === "%",
        windowDays: cmd.windowDays,
        supportHours: cmd.supportHours,
        operationsStoryId: cmd.operationsStoryId,
      },
      select: { id: true, version: true },
    });
    emit(service.id, "serviceLevel.created", { serviceLevelId: level.id, kind: cmd.kind, name: cmd.name, operationsStoryId: cmd.operationsStoryId });
    return { serviceId: service.id, ...level };
  });
  return { ok: true, id: result.id, version: result.version, seq: lastSeqOf(events, result.serviceId) };
}
