// A stage change (a move downstream or a rejection upstream) as one pure plan: from what a store
// read (the context), decide with the rules of flow (flow-rules.ts) and say exactly what to
// write — the item row, the criteria to untick, the event — and the card to answer. The two
// stores (Prisma: src/server/services/items/change-stage.ts; better-sqlite3 on Prisma's
// connection: src/server/sqlite/stage-change-store.ts, docs/decisions/006) only load the
// context and apply the plan, so what a move writes is decided here once.

import { decideFlowMove, type FlowRefusal, type FlowStage } from "./flow-rules";

export type StageChangeCommand =
  | { intent: "move"; toStageId: string; expectedVersion: number; expedite: { reason: string } | null }
  | { intent: "reject"; toStageId: string; expectedVersion: number; reason: string };

/** The command from a parsed move (with its optional expedite) or rejection (with its reason). */
export function stageChangeCommand(
  intent: StageChangeCommand["intent"],
  data: { toStageId: string; expectedVersion: number; expedite?: { reason: string } | null; reason?: string },
): StageChangeCommand {
  const { toStageId, expectedVersion } = data;
  return intent === "move"
    ? { intent, toStageId, expectedVersion, expedite: data.expedite ?? null }
    : { intent, toStageId, expectedVersion, reason: data.reason ?? "" };
}

/** A stage as the plan sees it; `itemCount` and `andonOpen` matter only for the target. */
export type StageChangeStage = FlowStage & { key: string };

export type StageChangeItem<K extends string = string> = {
  id: string;
  serviceId: string;
  stageId: string;
  kind: K;
  title: string;
  description: string;
  rank: string;
  labels: string[];
  blockedReason: string | null;
  businessValue: number | null;
  costEstimate: number | null;
  version: number;
  enteredStageAt: Date;
  createdAt: Date;
  rejectionCount: number;
  releaseId: string | null;
  /** the item's ticked criteria (not retired), each with the stage it belongs to */
  ticked: ReadonlyArray<{ criterionId: string; stageId: string }>;
  /** its oldest open andon */
  andon: { id: string; reason: string; pulledAt: Date } | null;
};

export type StageChangeContext<K extends string = string> = {
  item: StageChangeItem<K>;
  from: StageChangeStage;
  /** null: no such stage in the item's service */
  to: StageChangeStage | null;
  /** the stages in use strictly between `from` and `to` (flow-rules.ts `stagesBetween`) */
  between: ReadonlyArray<{ name: string }>;
  now: Date;
};

/** The card as the wall shows it after the change (the API's WallItem). */
export type StageChangeCard<K extends string = string> = {
  id: string;
  serviceId: string;
  stageId: string;
  title: string;
  description: string;
  rank: string;
  blockedReason: string | null;
  businessValue: number | null;
  costEstimate: number | null;
  version: number;
  kind: K;
  labels: string[];
  enteredStageAt: string;
  createdAt: string;
  expedite: { reason: string } | null;
  rejectionCount: number;
  sentBack: { reason: string; fromStageId: string } | null;
  doneCriterionIds: string[];
  andon: { id: string; reason: string; pulledAt: string } | null;
};

type StageChangeEventBase = {
  itemId: string;
  fromStageId: string;
  toStageId: string;
  version: number;
  enteredStageAt: string;
  msInFromStage: number;
  doneCriterionIds: string[];
};
export type StageChangeEvent =
  | { type: "item.moved"; payload: StageChangeEventBase & { expedite: { reason: string } | null } }
  | {
      type: "item.rejected";
      payload: StageChangeEventBase & { reason: string; rejectionCount: number; resetCriterionIds: string[] };
    };

export type StageChangePlan<K extends string = string> = {
  ok: true;
  direction: "forward" | "backward";
  /** What to write, all in one transaction. */
  changes: {
    /** the item row, written only while its version is still `expectedVersion` */
    item: {
      id: string;
      expectedVersion: number;
      stageId: string;
      version: number;
      enteredStageAt: Date;
      updatedAt: Date;
      expedite: boolean;
      expediteReason: string | null;
      rejectionCount: number;
    };
    /** criteria states of the item set back to not done (done = false, doneById and doneAt null) */
    resetCriterionIds: string[];
  };
  event: StageChangeEvent;
  card: StageChangeCard<K>;
};

export type StageChangeResult<K extends string = string> = StageChangePlan<K> | ({ ok: false } & FlowRefusal);

export function planStageChange<K extends string>(ctx: StageChangeContext<K>, cmd: StageChangeCommand): StageChangeResult<K> {
  const { item, from, to, now } = ctx;
  const decision = decideFlowMove({
    item: {
      id: item.id,
      stageId: item.stageId,
      version: item.version,
      andonOpen: item.andon !== null,
      criteria: tickedIn(item, item.stageId).map((criterionId) => ({ criterionId, done: true })),
    },
    expectedVersion: cmd.expectedVersion,
    from,
    to,
    expedite: cmd.intent === "move" ? cmd.expedite : null,
    rejectReason: cmd.intent === "reject" ? cmd.reason : null,
    intent: cmd.intent,
    between: ctx.between,
  });
  if (!decision.ok) return decision;
  const target = to!;

  const rejecting = cmd.intent === "reject";
  // Only a move that needed it is an expedite: one within the limit is an ordinary move.
  const expedite = cmd.intent === "move" && decision.expedite && decision.overLimitAfter ? cmd.expedite : null;
  const inTarget = tickedIn(item, target.id);
  // Sent back: the upstream stage does its work again, so its criteria are met again first.
  const resetCriterionIds = rejecting ? inTarget : [];
  const doneCriterionIds = rejecting ? [] : inTarget;
  const version = item.version + 1;
  const rejectionCount = item.rejectionCount + (rejecting ? 1 : 0);
  const enteredStageAt = now.toISOString();
  const base: StageChangeEventBase = {
    itemId: item.id,
    fromStageId: item.stageId,
    toStageId: target.id,
    version,
    enteredStageAt,
    msInFromStage: now.getTime() - item.enteredStageAt.getTime(),
    doneCriterionIds,
  };
  const event: StageChangeEvent =
    cmd.intent === "reject"
      ? { type: "item.rejected", payload: { ...base, reason: cmd.reason, rejectionCount, resetCriterionIds } }
      : { type: "item.moved", payload: { ...base, expedite } };
  return {
    ok: true,
    direction: decision.direction,
    changes: {
      item: {
        id: item.id,
        expectedVersion: cmd.expectedVersion,
        stageId: target.id,
        version,
        enteredStageAt: now,
        updatedAt: now,
        expedite: expedite !== null,
        expediteReason: expedite?.reason ?? null,
        rejectionCount,
      },
      resetCriterionIds,
    },
    event,
    card: {
      id: item.id,
      serviceId: item.serviceId,
      stageId: target.id,
      title: item.title,
      description: item.description,
      rank: item.rank,
      blockedReason: item.blockedReason,
      businessValue: item.businessValue,
      costEstimate: item.costEstimate,
      version,
      kind: item.kind,
      labels: item.labels,
      enteredStageAt,
      createdAt: item.createdAt.toISOString(),
      expedite: expedite && { reason: expedite.reason },
      rejectionCount,
      sentBack: cmd.intent === "reject" ? { reason: cmd.reason, fromStageId: item.stageId } : null,
      doneCriterionIds,
      andon: item.andon && { id: item.andon.id, reason: item.andon.reason, pulledAt: item.andon.pulledAt.toISOString() },
    },
  };
}

/** The item's ticked criteria of one stage. */
function tickedIn(item: StageChangeItem, stageId: string): string[] {
  return item.ticked.filter((t) => t.stageId === stageId).map((t) => t.criterionId);
}
