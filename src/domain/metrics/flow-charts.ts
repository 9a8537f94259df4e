// Cumulative flow (items per stage at the end of each day), WIP over time, throughput per ISO week.
import type { ItemHistory } from "./history";
import type { ItemFlow } from "./lead-time";
import { DAY_MS, daysOf, isoWeekLabel, isoWeekStart, type Period } from "./period";

export type CfdDay = { day: string; counts: Record<string, number> }; // stageId → items in it

/**
 * Each day is sampled at its last millisecond (or the period's end for a day cut short): an item
 * counts in the stage it was in at that instant. Items in done stages stay there, so the bands of
 * the done stages grow — the cumulative part of the diagram.
 */
export function cumulativeFlow(histories: Iterable<ItemHistory>, period: Period, stageIds: readonly string[]): CfdDay[] {
  const days = daysOf(period);
  const index = new Map(stageIds.map((id, i) => [id, i]));
  // difference arrays per stage over day indices: O(stays + days × stages)
  const diff = stageIds.map(() => new Array<number>(days.length + 1).fill(0));
  for (const h of histories) {
    for (const stay of h.intervals) {
      const si = index.get(stay.stageId);
      if (si === undefined) continue;
      const range = sampledDays(days, stay.start, stay.end);
      if (!range) continue;
      const row = diff[si]!;
      row[range[0]]! += 1;
      row[range[1] + 1]! -= 1;
    }
  }
  const running = stageIds.map(() => 0);
  return days.map((d, di) => {
    const counts: Record<string, number> = {};
    stageIds.forEach((id, si) => {
      running[si]! += diff[si]![di]!;
      counts[id] = running[si]!;
    });
    return { day: d.day, counts };
  });
}

/** Indices of the days whose sample instant lies in [start, end) (binary search: days are sorted). */
function sampledDays(days: ReturnType<typeof daysOf>, start: number, end: number | null): [number, number] | null {
  const lo = firstAtOrAfter(days, start);
  const hi = end === null ? days.length - 1 : firstAtOrAfter(days, end) - 1;
  return lo <= hi ? [lo, hi] : null;
}

function firstAtOrAfter(days: ReturnType<typeof daysOf>, t: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]!.sampleAt < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export type WipDay = { day: string; wip: number };

/** Work in progress: items committed but not done, sampled like the CFD. */
export function wipOverTime(cfd: readonly CfdDay[], wipStageIds: readonly string[]): WipDay[] {
  return cfd.map((d) => ({ day: d.day, wip: wipStageIds.reduce((n, id) => n + (d.counts[id] ?? 0), 0) }));
}

export type ThroughputWeek = { week: string; weekStart: string; items: number; partial: boolean };

/** Items done per ISO week; weeks cut by the period's edges are flagged partial. */
export function throughputPerWeek(finished: readonly ItemFlow[], period: Period): ThroughputWeek[] {
  const weeks: ThroughputWeek[] = [];
  const byStart = new Map<number, ThroughputWeek>();
  for (let w = isoWeekStart(period.from); w < period.to; w += 7 * DAY_MS) {
    const week = {
      week: isoWeekLabel(w),
      weekStart: new Date(w).toISOString().slice(0, 10),
      items: 0,
      partial: w < period.from || w + 7 * DAY_MS > period.to,
    };
    weeks.push(week);
    byStart.set(w, week);
  }
  for (const f of finished) {
    if (f.doneAt === null || f.doneAt < period.from || f.doneAt >= period.to) continue;
    const week = byStart.get(isoWeekStart(f.doneAt));
    if (week) week.items += 1;
  }
  return weeks;
}

/** Items done per UTC day of the period: the Monte Carlo forecast samples these. */
export function throughputPerDay(finished: readonly ItemFlow[], period: Period): number[] {
  const days = daysOf(period);
  const counts = days.map(() => 0);
  const first0 = days[0]?.start ?? 0;
  for (const f of finished) {
    if (f.doneAt === null || f.doneAt < period.from || f.doneAt >= period.to) continue;
    counts[Math.floor((f.doneAt - first0) / DAY_MS)]! += 1;
  }
  return counts;
}
