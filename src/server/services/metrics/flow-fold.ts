import "server-only";
import { applyFlowEvent, newHistories, type FlowEvent, type ItemHistory } from "@/domain/metrics/history";
import type { EventPayloads } from "@/lib/events";
import { db } from "@/server/db";

/** The event types flow metrics fold (docs/decisions/007-flow-metrics.md). */
export const FLOW_EVENT_TYPES = ["item.created", "item.moved", "item.rejected", "item.blocked", "item.unblocked", "item.criteria.checked"] as const;

type Row = { type: string; payload: unknown; createdAt: Date };

/** One Event row as a flow fact; null for a payload that lacks what the fold needs. */
export function toFlowEvent(row: Row): FlowEvent | null {
  const at = row.createdAt.getTime();
  switch (row.type) {
    case "item.created": {
      const { item } = row.payload as EventPayloads["item.created"];
      return item?.id && item.stageId ? { kind: "created", itemId: item.id, at, stageId: item.stageId } : null;
    }
    case "item.moved":
    case "item.rejected": {
      const p = row.payload as EventPayloads["item.moved"];
      return p?.itemId && p.fromStageId && p.toStageId
        ? { kind: "moved", itemId: p.itemId, at, fromStageId: p.fromStageId, toStageId: p.toStageId, rejected: row.type === "item.rejected" }
        : null;
    }
    case "item.blocked":
    case "item.unblocked": {
      const p = row.payload as { itemId?: string };
      return p?.itemId ? { kind: row.type === "item.blocked" ? "blocked" : "unblocked", itemId: p.itemId, at } : null;
    }
    case "item.criteria.checked": {
      const p = row.payload as EventPayloads["item.criteria.checked"];
      return p?.itemId && p.stageId ? { kind: "criterion", itemId: p.itemId, at, stageId: p.stageId, done: p.done, stageDone: p.stageDone } : null;
    }
    default:
      return null;
  }
}

/**
 * One fold of a service's whole flow log, kept in memory and advanced by seq: a metrics read
 * folds only the events written since the last one, never years of history again (issue 11:
 * "without recomputing years of history on every event"). The log is append-only, so a fold up
 * to seq N stays true forever; every instance keeps its own, and a restart folds once again.
 */
export type ServiceFold = { serviceId: string; seq: number; histories: Map<string, ItemHistory>; events: number };

const BATCH = 20_000;
const MAX_SERVICES = 16;

type Holder = { folds: Map<string, ServiceFold>; running: Map<string, Promise<ServiceFold>> };
// On globalThis: Next's route bundles and pages must share the one cache of the process.
const key = Symbol.for("obeya.metrics.folds");
const g = globalThis as unknown as { [key]?: Holder };
const holder = (g[key] ??= { folds: new Map(), running: new Map() });

/** The service's histories folded up to `seq` at least (its lastSeq read by the caller). */
export async function foldUpTo(serviceId: string, seq: number): Promise<ServiceFold> {
  for (;;) {
    const running = holder.running.get(serviceId);
    if (running) {
      const fold = await running.catch(() => null);
      if (fold && fold.seq >= seq) return touch(fold);
      continue;
    }
    const cached = holder.folds.get(serviceId);
    // A fold ahead of `seq` is newer than asked (another request read a later lastSeq): fine.
    if (cached && cached.seq >= seq) return touch(cached);
    const advance = advanceFold(serviceId, cached ?? null, seq);
    holder.running.set(serviceId, advance);
    try {
      return touch(await advance);
    } catch (e) {
      // Half-advanced: its seq no longer says what it holds. Fold again next time.
      holder.folds.delete(serviceId);
      throw e;
    } finally {
      holder.running.delete(serviceId);
    }
  }
}

function touch(fold: ServiceFold): ServiceFold {
  // Least recently used goes first when the cache is full.
  holder.folds.delete(fold.serviceId);
  holder.folds.set(fold.serviceId, fold);
  while (holder.folds.size > MAX_SERVICES) holder.folds.delete(holder.folds.keys().next().value!);
  return fold;
}

async function advanceFold(serviceId: string, from: ServiceFold | null, seq: number): Promise<ServiceFold> {
  const fold: ServiceFold = from ?? { serviceId, seq: 0, histories: newHistories(), events: 0 };
  let after = fold.seq;
  while (after < seq) {
    const rows = await db.event.findMany({
      where: { serviceId, seq: { gt: after, lte: seq }, type: { in: [...FLOW_EVENT_TYPES] } },
      orderBy: { seq: "asc" },
      take: BATCH,
      select: { seq: true, type: true, payload: true, createdAt: true },
    });
    for (const row of rows) {
      const e = toFlowEvent(row);
      if (e) applyFlowEvent(fold.histories, e);
    }
    fold.events += rows.length;
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]!.seq;
  }
  fold.seq = seq;
  return fold;
}

/** Forgets every cached fold (tests that replace the database). */
export function clearFlowFolds(): void {
  holder.folds.clear();
}
