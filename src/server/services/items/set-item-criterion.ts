import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZSetItemCriterionRequest, type TSetItemCriterionRequest } from "@/lib/schemas/item";
import { now as clockNow } from "@/server/clock";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { findItemForFlow } from "./change-stage";
import { loadWallItem } from "./wall-item";

/**
 * Ticks or unticks a done-criterion (JKK) of the item's current stage. Idempotent, so it does
 * not bump the item's version: two people ticking different criteria never conflict.
 */
export async function setItemCriterion(actor: Actor, itemId: string, criterionId: string, input: TSetItemCriterionRequest) {
  const { result } = await runCommand(actor.kind === "user" ? actor.userId : null, async (tx, emit) => {
    const item = await findItemForFlow(tx, actor, itemId, "item.update");
    const cmd = parseInput(ZSetItemCriterionRequest, input);
    const criterion = item.stage.doneCriteria.find((c) => c.id === criterionId);
    if (!criterion) {
      throw new AppError("RULE_VIOLATION", "That is not a done-criterion of the stage the item is in.", {
        rule: "CRITERION_NOT_IN_STAGE",
      });
    }
    const now = clockNow();
    const by = actor.kind === "user" ? actor.userId : null;
    const data = cmd.done ? { done: true, doneById: by, doneAt: now } : { done: false, doneById: null, doneAt: null };
    await tx.itemCriterionState.upsert({
      where: { itemId_criterionId: { itemId: item.id, criterionId } },
      create: { itemId: item.id, criterionId, ...data },
      update: data,
    });
    // Whether the whole stage is done after this tick: flow metrics count the time after it as
    // waiting to be pulled (docs/decisions/007-flow-metrics.md).
    const met = new Set(item.criteria.filter((c) => c.criterion.stageId === item.stageId).map((c) => c.criterionId));
    if (cmd.done) met.add(criterionId);
    else met.delete(criterionId);
    const stageDone = item.stage.doneCriteria.every((c) => met.has(c.id));
    emit(item.serviceId, "item.criteria.checked", { itemId: item.id, stageId: item.stageId, criterionIds: [criterionId], done: cmd.done, stageDone });
    return loadWallItem(tx, item.id);
  });
  return result;
}
