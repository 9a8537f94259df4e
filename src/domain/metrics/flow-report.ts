// Everything the metrics wall shows about flow for one period, from the folded histories.
import { agingWip, stageHistoricalPercentiles, type AgingItem, type StageHistory } from "./aging";
import { completeAndAccurate } from "./complete-accurate";
import { cumulativeFlow, throughputPerDay, throughputPerWeek, wipOverTime, type CfdDay, type ThroughputWeek, type WipDay } from "./flow-charts";
import type { ItemHistory } from "./history";
import { finishedInPeriod, itemFlow } from "./lead-time";
import { percentiles, type Percentiles } from "./percentiles";
import type { Period } from "./period";
import type { LeadTimeBounds, MetricStage } from "./stages";
import { timeInStages } from "./time-in-stage";

export type VsmStage = {
  stageId: string;
  name: string;
  retired: boolean;
  processTime: number;
  waitTime: number;
  blockedTime: number;
  queuedTime: number;
  doneWaitingTime: number;
  // Per item that passed through: the VSM box's "P/T" and "W/T" (average per stay).
  avgProcessTime: number | null;
  avgWaitTime: number | null;
  itemsThrough: number; // passed on to a later stage in the period
  percentCompleteAccurate: number | null;
  sentBack: number;
};

export type FinishedItem = { itemId: string; doneAt: number; leadTime: number; reworkTime: number; rejections: number; processTime: number };

export type FlowReport = {
  period: Period;
  bounds: LeadTimeBounds;
  vsm: VsmStage[];
  endToEnd: {
    finished: number;
    leadTime: Percentiles & { mean: number | null };
    processTime: number | null; // mean per finished item
    reworkTime: number | null; // mean per finished item
    flowEfficiency: number | null; // Σ process ÷ Σ lead time of finished items, in %
  };
  finished: FinishedItem[];
  leadTimeDistribution: { fromDays: number; toDays: number; items: number }[];
  cfd: CfdDay[];
  wip: WipDay[];
  throughput: ThroughputWeek[];
  dailyThroughput: number[];
  aging: AgingItem[];
  stageHistory: StageHistory[];
};

export function flowReport(
  histories: ReadonlyMap<string, ItemHistory>,
  stages: readonly MetricStage[],
  bounds: LeadTimeBounds,
  period: Period,
  now: number,
): FlowReport {
  const ordered = [...stages].sort((a, b) => a.position - b.position);
  const positions = new Map(ordered.map((s) => [s.id, s.position]));
  const all = [...histories.values()];
  const times = timeInStages(all, period);
  const ca = completeAndAccurate(all, period);
  // Retired stages are listed only when they hold history in the period.
  const shown = ordered.filter((s) => !s.retired || times.has(s.id) || ca.has(s.id));
  const vsm: VsmStage[] = shown.map((s) => {
    const t = times.get(s.id);
    const c = ca.get(s.id);
    return {
      stageId: s.id,
      name: s.name,
      retired: s.retired,
      processTime: t?.process ?? 0,
      waitTime: t?.wait ?? 0,
      blockedTime: t?.blocked ?? 0,
      queuedTime: t?.queued ?? 0,
      doneWaitingTime: t?.doneWaiting ?? 0,
      avgProcessTime: t && t.stays > 0 ? t.process / t.stays : null,
      avgWaitTime: t && t.stays > 0 ? t.wait / t.stays : null,
      itemsThrough: c?.passed ?? 0,
      percentCompleteAccurate: c?.percent ?? null,
      sentBack: c?.sentBack ?? 0,
    };
  });

  // Only an item whose last stay began in or after the period can be done in it (done is the
  // start of its final run of stays, never after its last stay began): the rest of years of
  // history is skipped here, not folded again.
  const flows = all.filter((h) => h.intervals[h.intervals.length - 1]!.start >= period.from).map((h) => itemFlow(h, bounds, positions, now));
  const done = finishedInPeriod(flows, period);
  const finished: FinishedItem[] = done
    .map((f) => ({ itemId: f.itemId, doneAt: f.doneAt!, leadTime: f.leadTime!, reworkTime: f.reworkTime, rejections: f.rejections, processTime: f.processTime }))
    .sort((a, b) => a.doneAt - b.doneAt);
  const leads = finished.map((f) => f.leadTime);
  const sumLead = leads.reduce((a, b) => a + b, 0);
  const sumProcess = finished.reduce((a, f) => a + f.processTime, 0);

  const startPos = positions.get(bounds.startStageId) ?? 0;
  const donePos = positions.get(bounds.doneStageId) ?? Number.POSITIVE_INFINITY;
  const wipStages = ordered.filter((s) => s.position >= startPos && s.position < donePos).map((s) => s.id);
  const cfd = cumulativeFlow(all, period, shown.map((s) => s.id));
  const history = stageHistoricalPercentiles(all, period);

  return {
    period,
    bounds,
    vsm,
    endToEnd: {
      finished: finished.length,
      leadTime: { ...percentiles(leads), mean: leads.length ? sumLead / leads.length : null },
      processTime: finished.length ? sumProcess / finished.length : null,
      reworkTime: finished.length ? finished.reduce((a, f) => a + f.reworkTime, 0) / finished.length : null,
      flowEfficiency: sumLead > 0 ? (sumProcess / sumLead) * 100 : null,
    },
    finished,
    leadTimeDistribution: distribution(leads),
    cfd,
    wip: wipOverTime(cfd, wipStages),
    throughput: throughputPerWeek(done, period),
    dailyThroughput: throughputPerDay(done, period),
    aging: agingWip(all, new Set(wipStages), history, now),
    stageHistory: [...history.values()],
  };
}

/** Lead times in whole-day bins (0–1, 1–2, …) up to the longest, for the histogram. */
export function distribution(leads: readonly number[]): { fromDays: number; toDays: number; items: number }[] {
  if (leads.length === 0) return [];
  const day = 86_400_000;
  const bins = Math.floor(Math.max(...leads) / day) + 1;
  const out = Array.from({ length: bins }, (_, i) => ({ fromDays: i, toDays: i + 1, items: 0 }));
  for (const l of leads) out[Math.floor(l / day)]!.items += 1;
  return out;
}
