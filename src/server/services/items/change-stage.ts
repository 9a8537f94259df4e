import "server-only";
import { decideFlowMove, type FlowStage } from "@/domain/flow-rules";
import type { Action, Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import type { TWallItem } from "@/lib/schemas/item";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { now as clockNow } from "@/server/clock";
import type { Tx } from "@/server/db";
import type { EmitFn } from "@/server/services/events/run-command";
import { ITEM_SELECT, toWorkItemDto } from "./item-dto";
import { runMoveGuards } from "./move-guards";
import { doneIn, FLOW_ITEM_SELECT, toWallItemDto } from "./wall-item";

// The one implementation of a stage change, shared by moveItem (downstream, JKK + WIP + andon)
// and rejectItem (upstream with a defect reason). Not a use case of its own.

const STAGE_SELECT = {
  id: true,
  key: true,
  name: true,
  position: true,
  retired: true,
  wipLimit: true,
  doneCriteria: { where: { retired: false }, orderBy: { position: "asc" }, select: { id: true, text: true } },
} as const;

export type StageChange =
  | { intent: "move"; toStageId: string; expectedVersion: number; expedite: { reason: string } | null }
  | { intent: "reject"; toStageId: string; expectedVersion: number; reason: string };

/** Finds the item (404 when missing or not visible) and checks the actor may act on it. */
export async function findItemForFlow(tx: Tx, actor: Actor, itemId: string, action: Action) {
  const item = await tx.workItem.findFirst({
    where: { id: itemId, service: visibleServiceWhere(actor) },
    select: {
      ...FLOW_ITEM_SELECT,
      service: { select: { teamId: true } },
      stage: { select: STAGE_SELECT },
      criteria: { where: { done: true }, select: { criterionId: true, criterion: { select: { stageId: true, retired: true } } } },
      andons: { where: { releasedAt: null }, orderBy: { pulledAt: "asc" }, take: 1, select: { id: true, reason: true, pulledAt: true } },
    },
  });
  if (!item) throw new AppError("NOT_FOUND", "Item not found.");
  await assertCan(actor, action, { teamId: item.service.teamId, serviceId: item.serviceId });
  return item;
}

type FlowItemRow = Awaited<ReturnType<typeof findItemForFlow>>;

export async function changeStage(
  tx: Tx,
  emit: EmitFn,
  actor: Actor,
  item: FlowItemRow,
  cmd: StageChange,
): Promise<TWallItem> {
  const conflict = async (message: string) => {
    const current = await tx.workItem.findUnique({ where: { id: item.id }, select: ITEM_SELECT });
    return new AppError("VERSION_CONFLICT", message, { current: current && toWorkItemDto(current) });
  };
  if (item.version !== cmd.expectedVersion) {
    throw await conflict(`The item changed since you saw it (version ${cmd.expectedVersion}, now ${item.version}).`);
  }

  const target = await tx.stage.findFirst({ where: { id: cmd.toStageId, serviceId: item.serviceId }, select: STAGE_SELECT });
  let to: FlowStage | null = null;
  let between: { name: string }[] = [];
  if (target) {
    // Moves into a limited stage queue on its row, so two concurrent moves cannot both take
    // its last free place (PostgreSQL runs them side by side; SQLite already serialises).
    if (target.wipLimit !== null && target.id !== item.stageId) {
      await tx.stage.updateMany({ where: { id: target.id }, data: { version: { increment: 0 } } });
    }
    const lo = Math.min(target.position, item.stage.position);
    const hi = Math.max(target.position, item.stage.position);
    const [itemCount, andons, passed] = await Promise.all([
      tx.workItem.count({ where: { stageId: target.id } }),
      tx.andon.count({ where: { stageId: target.id, releasedAt: null } }),
      tx.stage.findMany({
        where: { serviceId: item.serviceId, retired: false, position: { gt: lo, lt: hi } },
        orderBy: { position: "asc" },
        select: { name: true },
      }),
    ]);
    between = passed;
    to = { ...target, criteria: target.doneCriteria, itemCount, andonOpen: andons > 0 };
  }
  const from: FlowStage = { ...item.stage, criteria: item.stage.doneCriteria, itemCount: 0, andonOpen: false };
  const doneHere = doneIn(item.criteria, item.stageId);
  const decision = decideFlowMove({
    item: {
      id: item.id,
      stageId: item.stageId,
      version: item.version,
      andonOpen: item.andons.length > 0,
      criteria: doneHere.map((criterionId) => ({ criterionId, done: true })),
    },
    expectedVersion: cmd.expectedVersion,
    from,
    to,
    expedite: cmd.intent === "move" ? cmd.expedite : null,
    rejectReason: cmd.intent === "reject" ? cmd.reason : null,
    intent: cmd.intent,
    between,
  });
  if (!decision.ok) {
    const { ok: _ok, code, message, ...details } = decision;
    if (code === "VERSION_CONFLICT") throw await conflict(message);
    throw new AppError("RULE_VIOLATION", message, { rule: code, ...details });
  }
  const toStage = target!;
  const refusal = await runMoveGuards(tx, {
    actor,
    direction: decision.direction,
    item: { id: item.id, serviceId: item.serviceId, stageId: item.stageId, releaseId: item.releaseId, kind: item.kind, version: item.version },
    fromStage: { id: item.stage.id, key: item.stage.key, name: item.stage.name, position: item.stage.position },
    toStage: { id: toStage.id, key: toStage.key, name: toStage.name, position: toStage.position },
  });
  if (refusal) throw new AppError("RULE_VIOLATION", refusal.message, { ...refusal.details, rule: refusal.rule });

  const now = clockNow();
  const rejecting = cmd.intent === "reject";
  // Only a move that needed it is an expedite: one within the limit is an ordinary move.
  const expedite = cmd.intent === "move" && decision.expedite && decision.overLimitAfter ? cmd.expedite : null;
  // The version guard in the WHERE makes the check and the write one atomic step.
  const updated = await tx.workItem.updateMany({
    where: { id: item.id, version: cmd.expectedVersion },
    data: {
      stageId: toStage.id,
      version: { increment: 1 },
      enteredStageAt: now,
      expedite: expedite !== null,
      expediteReason: expedite?.reason ?? null,
      ...(rejecting ? { rejectionCount: { increment: 1 } } : {}),
    },
  });
  if (updated.count !== 1) throw await conflict("The item changed while you were moving it.");

  // Sent back: the upstream stage does its work again, so its criteria are met again first.
  const resetCriterionIds = rejecting ? doneIn(item.criteria, toStage.id) : [];
  if (resetCriterionIds.length > 0) {
    await tx.itemCriterionState.updateMany({
      where: { itemId: item.id, criterionId: { in: resetCriterionIds } },
      data: { done: false, doneById: null, doneAt: null },
    });
  }
  const doneCriterionIds = rejecting ? [] : doneIn(item.criteria, toStage.id);
  const row = {
    ...item,
    stageId: toStage.id,
    version: item.version + 1,
    enteredStageAt: now,
    expedite: expedite !== null,
    expediteReason: expedite?.reason ?? null,
    rejectionCount: item.rejectionCount + (rejecting ? 1 : 0),
  };
  const base = {
    itemId: item.id,
    fromStageId: item.stageId,
    toStageId: toStage.id,
    version: row.version,
    enteredStageAt: now.toISOString(),
    msInFromStage: now.getTime() - item.enteredStageAt.getTime(),
    doneCriterionIds,
  };
  if (cmd.intent === "reject") {
    emit(item.serviceId, "item.rejected", { ...base, reason: cmd.reason, rejectionCount: row.rejectionCount, resetCriterionIds });
  } else {
    emit(item.serviceId, "item.moved", { ...base, expedite });
  }
  return toWallItemDto(row, {
    doneCriterionIds,
    andon: item.andons[0] ?? null,
    sentBack: cmd.intent === "reject" ? { reason: cmd.reason, fromStageId: item.stageId } : null,
  });
}
