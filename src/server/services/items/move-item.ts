import "server-only";
import { decideMove } from "@/domain/moves";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZMoveItemRequest, type TMoveItemRequest } from "@/lib/schemas/item";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { ITEM_SELECT, toWorkItemDto } from "./item-dto";

/**
 * Moves an item to another stage of its service. The command names the version the mover saw:
 * a stale version is refused with VERSION_CONFLICT carrying the item as it is now.
 */
export async function moveItem(actor: Actor, itemId: string, input: TMoveItemRequest) {
  const { result } = await runCommand(actor.kind === "user" ? actor.userId : null, async (tx, emit) => {
    const item = await tx.workItem.findFirst({
      where: { id: itemId, service: visibleServiceWhere(actor) },
      select: { ...ITEM_SELECT, service: { select: { teamId: true } }, stage: { select: { id: true, retired: true } } },
    });
    if (!item) throw new AppError("NOT_FOUND", "Item not found.");
    await assertCan(actor, "item.move", { teamId: item.service.teamId, serviceId: item.serviceId });
    const cmd = parseInput(ZMoveItemRequest, input);

    const toStage = await tx.stage.findUnique({
      where: { id: cmd.toStageId },
      select: { id: true, retired: true, serviceId: true },
    });
    const decision = decideMove({
      item,
      expectedVersion: cmd.expectedVersion,
      fromStage: item.stage,
      toStage,
      itemServiceId: item.serviceId,
    });
    if (!decision.ok) {
      if (decision.code === "VERSION_CONFLICT") {
        throw new AppError("VERSION_CONFLICT", decision.message, { current: toWorkItemDto(item) });
      }
      throw new AppError("RULE_VIOLATION", decision.message, { rule: decision.code });
    }

    const now = new Date();
    // The version guard in the WHERE makes the check and the write one atomic step.
    const updated = await tx.workItem.updateMany({
      where: { id: item.id, version: cmd.expectedVersion },
      data: { stageId: cmd.toStageId, version: { increment: 1 }, enteredStageAt: now },
    });
    if (updated.count !== 1) {
      const current = await tx.workItem.findUnique({ where: { id: item.id }, select: ITEM_SELECT });
      throw new AppError("VERSION_CONFLICT", "The item changed while you were moving it.", {
        current: current && toWorkItemDto(current),
      });
    }
    const moved = toWorkItemDto({ ...item, stageId: cmd.toStageId, version: item.version + 1, enteredStageAt: now });
    emit(item.serviceId, "item.moved", {
      itemId: item.id,
      fromStageId: item.stageId,
      toStageId: cmd.toStageId,
      version: moved.version,
      enteredStageAt: moved.enteredStageAt,
      msInFromStage: now.getTime() - item.enteredStageAt.getTime(),
    });
    return moved;
  });
  return result;
}
