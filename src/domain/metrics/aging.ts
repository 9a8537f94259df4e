// Aging work in progress: each open item by its age in its current stage, beside that stage's
// historical percentiles (time in stage of the stays that ended in the period).
import type { ItemHistory } from "./history";
import { percentiles, type Percentiles } from "./percentiles";
import type { Period } from "./period";

export type AgingItem = { itemId: string; stageId: string; ageInStage: number; enteredStageAt: number; beyond: "p50" | "p85" | "p95" | null };
export type StageHistory = { stageId: string; completedStays: number } & Percentiles;

export function stageHistoricalPercentiles(histories: Iterable<ItemHistory>, period: Period): Map<string, StageHistory> {
  const durations = new Map<string, number[]>();
  for (const h of histories) {
    for (const s of h.intervals) {
      if (s.end === null || s.end < period.from || s.end >= period.to) continue;
      const list = durations.get(s.stageId) ?? [];
      list.push(s.end - s.start);
      durations.set(s.stageId, list);
    }
  }
  const out = new Map<string, StageHistory>();
  for (const [stageId, list] of durations) out.set(stageId, { stageId, completedStays: list.length, ...percentiles(list) });
  return out;
}

/** Open items in the given (work-in-progress) stages at `now`, oldest first. */
export function agingWip(
  histories: Iterable<ItemHistory>,
  wipStageIds: ReadonlySet<string>,
  history: ReadonlyMap<string, StageHistory>,
  now: number,
): AgingItem[] {
  const out: AgingItem[] = [];
  for (const h of histories) {
    const cur = h.intervals[h.intervals.length - 1];
    if (!cur || cur.end !== null || !wipStageIds.has(cur.stageId) || cur.start > now) continue;
    const age = now - cur.start;
    const p = history.get(cur.stageId);
    const beyond =
      p?.p95 != null && age > p.p95 ? "p95" : p?.p85 != null && age > p.p85 ? "p85" : p?.p50 != null && age > p.p50 ? "p50" : null;
    out.push({ itemId: h.itemId, stageId: cur.stageId, ageInStage: age, enteredStageAt: cur.start, beyond });
  }
  return out.sort((a, b) => b.ageInStage - a.ageInStage);
}
