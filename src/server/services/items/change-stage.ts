import "server-only";
import type { Action, Actor } from "@/domain/permissions";
import {
  planStageChange,
  stageChangeCommand,
  type StageChangeCommand,
  type StageChangeContext,
  type StageChangePlan,
  type StageChangeStage,
} from "@/domain/stage-change";
import { AppError } from "@/lib/errors";
import { ZMoveItemRequest, ZRejectItemRequest, type ItemKind, type TWallItem } from "@/lib/schemas/item";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { now as clockNow } from "@/server/clock";
import type { Tx } from "@/server/db";
import { databaseProvider } from "@/server/env";
import { runCommand, type EmitFn } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { parseStageChange, tryChangeStageOnSqlite } from "./change-stage-sqlite";
import { ITEM_SELECT, toWorkItemDto } from "./item-dto";
import { moveGuardInput, runMoveGuards } from "./move-guards";
import { FLOW_ITEM_SELECT } from "./wall-item";

// The canonical stage change (moveItem downstream, rejectItem upstream), on both databases: the
// Prisma store of the plan (src/domain/stage-change.ts) — it loads the context in the command's
// transaction and applies the plan — plus what only this path does: the move guards, and every
// refusal with its canonical error (the synchronous SQLite store, change-stage-sqlite.ts, steps
// aside for those).

const STAGE_SELECT = {
  id: true,
  key: true,
  name: true,
  position: true,
  retired: true,
  wipLimit: true,
  doneCriteria: { where: { retired: false }, orderBy: { position: "asc" }, select: { id: true, text: true } },
} as const;

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

/**
 * moveItem and rejectItem. On SQLite an accepted change commits through the synchronous store
 * (change-stage-sqlite.ts); anything else, and every change on PostgreSQL, runs the canonical
 * command below. `stores` is for tests/integration/stage-change-stores.sqlite.test.ts, which runs
 * the same commands through each.
 */
export async function changeItemStage(
  actor: Actor,
  itemId: string,
  intent: StageChangeCommand["intent"],
  input: unknown,
  stores: "sqlite-first" | "prisma" = databaseProvider === "sqlite" ? "sqlite-first" : "prisma",
): Promise<TWallItem> {
  if (stores === "sqlite-first") {
    const cmd = parseStageChange(intent, input);
    const changed = cmd && (await tryChangeStageOnSqlite(actor, itemId, cmd));
    if (changed) return changed;
  }
  const { result } = await runCommand(actor.kind === "user" ? actor.userId : null, async (tx, emit) => {
    const item = await findItemForFlow(tx, actor, itemId, "item.move");
    // Parsed after the item is found: an invisible item answers 404 whatever the input.
    const cmd = stageChangeCommand(intent, parseInput(intent === "move" ? ZMoveItemRequest : ZRejectItemRequest, input));
    return changeStage(tx, emit, actor, item, cmd);
  });
  return result;
}

async function changeStage(tx: Tx, emit: EmitFn, actor: Actor, item: FlowItemRow, cmd: StageChangeCommand): Promise<TWallItem> {
  const conflict = async (message: string) => {
    const current = await tx.workItem.findUnique({ where: { id: item.id }, select: ITEM_SELECT });
    return new AppError("VERSION_CONFLICT", message, { current: current && toWorkItemDto(current) });
  };
  const context = await loadStageChangeContext(tx, item, cmd.toStageId);
  const plan = planStageChange(context, cmd);
  if (!plan.ok) {
    const { ok: _ok, code, message, ...details } = plan;
    if (code === "VERSION_CONFLICT") throw await conflict(message);
    throw new AppError("RULE_VIOLATION", message, { rule: code, ...details });
  }
  const refusal = await runMoveGuards(tx, moveGuardInput(actor, context, plan.direction));
  if (refusal) throw new AppError("RULE_VIOLATION", refusal.message, { ...refusal.details, rule: refusal.rule });
  if (!(await applyStageChangePlan(tx, emit, plan))) throw await conflict("The item changed while you were moving it.");
  return plan.card;
}

/** What the plan decides on, read through Prisma in the command's transaction. */
async function loadStageChangeContext(tx: Tx, item: FlowItemRow, toStageId: string): Promise<StageChangeContext<ItemKind>> {
  const target = await tx.stage.findFirst({ where: { id: toStageId, serviceId: item.serviceId }, select: STAGE_SELECT });
  let to: StageChangeStage | null = null;
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
    to = stageOf(target, itemCount, andons > 0);
  }
  return {
    item: {
      id: item.id,
      serviceId: item.serviceId,
      stageId: item.stageId,
      kind: item.kind as ItemKind,
      title: item.title,
      description: item.description,
      rank: item.rank,
      labels: Array.isArray(item.labels) ? (item.labels as string[]) : [],
      blockedReason: item.blockedReason,
      businessValue: item.businessValue,
      costEstimate: item.costEstimate,
      version: item.version,
      enteredStageAt: item.enteredStageAt,
      createdAt: item.createdAt,
      rejectionCount: item.rejectionCount,
      releaseId: item.releaseId,
      ticked: item.criteria
        .filter((c) => !c.criterion.retired)
        .map((c) => ({ criterionId: c.criterionId, stageId: c.criterion.stageId })),
      andon: item.andons[0] ?? null,
    },
    from: stageOf(item.stage, 0, false),
    to,
    between,
    now: clockNow(),
  };
}

function stageOf(row: FlowItemRow["stage"], itemCount: number, andonOpen: boolean): StageChangeStage {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    position: row.position,
    retired: row.retired,
    wipLimit: row.wipLimit,
    criteria: row.doneCriteria,
    itemCount,
    andonOpen,
  };
}

/** Writes the plan; false when the item's version moved on meanwhile (nothing written then). */
async function applyStageChangePlan(tx: Tx, emit: EmitFn, plan: StageChangePlan): Promise<boolean> {
  const { expectedVersion, id, ...row } = plan.changes.item;
  // The version guard in the WHERE makes the check and the write one atomic step.
  const updated = await tx.workItem.updateMany({ where: { id, version: expectedVersion }, data: row });
  if (updated.count !== 1) return false;
  const reset = plan.changes.resetCriterionIds;
  if (reset.length > 0) {
    await tx.itemCriterionState.updateMany({
      where: { itemId: id, criterionId: { in: reset } },
      data: { done: false, doneById: null, doneAt: null },
    });
  }
  const serviceId = plan.card.serviceId;
  if (plan.event.type === "item.rejected") emit(serviceId, plan.event.type, plan.event.payload);
  else emit(serviceId, plan.event.type, plan.event.payload);
  return true;
}
