// Service levels: an availability objective over a rolling window, its error budget and how
// fast it burns. Pure arithmetic on time intervals (epoch milliseconds), so it is tested by hand.
//
// Measurements come from two sources, possibly overlapping:
//  - downtime intervals (incidents), merged first so two incidents over the same minutes count once;
//  - availability samples: a period with the share of it the service was up (e.g. a probe's
//    5-minute result). The part of a sample that an incident already covers counts once, as down.
// Availability = 1 − downtime / window; the error budget is the downtime the objective allows in
// the window, (1 − target) × window.

export const WINDOW_DAYS = [28, 30] as const;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type Interval = { start: number; end: number };
export type AvailabilitySample = { start: number; end: number; availabilityPercent: number };

/** Clips to [from, to) and merges overlapping or touching intervals; sorted, empty ones dropped. */
export function mergeIntervals(intervals: readonly Interval[], from = -Infinity, to = Infinity): Interval[] {
  const clipped = intervals
    .map((i) => ({ start: Math.max(i.start, from), end: Math.min(i.end, to) }))
    .filter((i) => i.end > i.start)
    .sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of clipped) {
    const last = out.at(-1);
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

const length = (list: readonly Interval[]) => list.reduce((sum, i) => sum + (i.end - i.start), 0);

/** How much of `interval` the (merged) list covers. */
function overlap(interval: Interval, merged: readonly Interval[]): number {
  let total = 0;
  for (const m of merged) total += Math.max(0, Math.min(interval.end, m.end) - Math.max(interval.start, m.start));
  return total;
}

export type WindowMeasure = {
  /** no incident and no sample touches the window: nothing can be said about it */
  noData: boolean;
  windowMs: number;
  downtimeMs: number;
  /** 0–100; null without data */
  availabilityPercent: number | null;
};

/** Downtime and availability in [from, to). */
export function measureWindow(
  from: number,
  to: number,
  incidents: readonly Interval[],
  samples: readonly AvailabilitySample[],
): WindowMeasure {
  const windowMs = to - from;
  const down = mergeIntervals(incidents, from, to);
  const inWindow = samples
    .map((s) => ({ ...s, start: Math.max(s.start, from), end: Math.min(s.end, to) }))
    .filter((s) => s.end > s.start);
  if (down.length === 0 && inWindow.length === 0) return { noData: true, windowMs, downtimeMs: 0, availabilityPercent: null };
  let downtimeMs = length(down);
  for (const s of inWindow) {
    const uncovered = s.end - s.start - overlap(s, down);
    downtimeMs += uncovered * (1 - s.availabilityPercent / 100);
  }
  return { noData: false, windowMs, downtimeMs, availabilityPercent: 100 * (1 - downtimeMs / windowMs) };
}

export type ErrorBudget = WindowMeasure & {
  targetPercent: number;
  windowDays: number;
  allowedDowntimeMs: number;
  /** share of the budget spent, 0…(over 1 when exhausted) */
  consumed: number;
  remainingMs: number;
  /** the objective is missed over the window: the budget is spent */
  breached: boolean;
};

/** The error budget of an availability objective over the rolling window that ends at `now`. */
export function errorBudget(
  targetPercent: number,
  windowDays: number,
  now: number,
  incidents: readonly Interval[],
  samples: readonly AvailabilitySample[],
): ErrorBudget {
  const windowMs = windowDays * DAY;
  const m = measureWindow(now - windowMs, now, incidents, samples);
  const allowedDowntimeMs = ((100 - targetPercent) / 100) * windowMs;
  const consumed = allowedDowntimeMs > 0 ? m.downtimeMs / allowedDowntimeMs : m.downtimeMs > 0 ? Infinity : 0;
  return {
    ...m,
    targetPercent,
    windowDays,
    allowedDowntimeMs,
    consumed,
    remainingMs: allowedDowntimeMs - m.downtimeMs,
    breached: !m.noData && m.downtimeMs > allowedDowntimeMs,
  };
}

/**
 * Burn rate over the `lookbackMs` before `now`: how many times faster than "exactly the budget
 * over the whole window" the budget is being spent. 1 spends it all by the window's end;
 * 14.4 over an hour spends 2% of a 30-day budget in that hour. null without data.
 */
export function burnRate(targetPercent: number, lookbackMs: number, now: number, incidents: readonly Interval[], samples: readonly AvailabilitySample[]): number | null {
  const m = measureWindow(now - lookbackMs, now, incidents, samples);
  if (m.noData) return null;
  const allowedRate = (100 - targetPercent) / 100;
  const errorRate = m.downtimeMs / lookbackMs;
  if (allowedRate === 0) return errorRate > 0 ? Infinity : 0;
  return errorRate / allowedRate;
}

export type BurnAlertRule = { name: "FAST" | "SLOW"; longMs: number; shortMs: number; threshold: number; budgetSpent: string };

/**
 * Multi-window, multi-burn-rate alerts as the Google SRE workbook recommends ("Alerting on SLOs",
 * chapter 5, recommended parameters for a 30-day SLO): page when the last hour burned at 14.4×
 * (2% of the budget in one hour) and the last 5 minutes still do; page when the last 6 hours
 * burned at 6× (5% in six hours) and the last 30 minutes still do. The short window makes the
 * alert stop soon after the burning stops. The same factors are used for 28-day windows.
 */
export const BURN_ALERT_RULES: readonly BurnAlertRule[] = [
  { name: "FAST", longMs: HOUR, shortMs: 5 * MINUTE, threshold: 14.4, budgetSpent: "2% of the budget in 1 h" },
  { name: "SLOW", longMs: 6 * HOUR, shortMs: 30 * MINUTE, threshold: 6, budgetSpent: "5% of the budget in 6 h" },
];

export type BurnAlert = { rule: BurnAlertRule["name"]; longRate: number; shortRate: number; threshold: number; message: string };

/** The rules that fire now: both windows of a rule at or above its threshold. Fast first. */
export function burnAlerts(targetPercent: number, now: number, incidents: readonly Interval[], samples: readonly AvailabilitySample[]): BurnAlert[] {
  const out: BurnAlert[] = [];
  for (const rule of BURN_ALERT_RULES) {
    const longRate = burnRate(targetPercent, rule.longMs, now, incidents, samples);
    const shortRate = burnRate(targetPercent, rule.shortMs, now, incidents, samples);
    if (longRate === null || shortRate === null) continue;
    if (longRate >= rule.threshold && shortRate >= rule.threshold) {
      out.push({
        rule: rule.name,
        longRate,
        shortRate,
        threshold: rule.threshold,
        message: `${rule.name === "FAST" ? "Fast" : "Slow"} burn: ${formatRate(longRate)} over ${formatSpan(rule.longMs)} and ${formatRate(shortRate)} over ${formatSpan(rule.shortMs)} (alert at ${rule.threshold}×)`,
      });
    }
  }
  return out;
}

export const formatRate = (rate: number) => (Number.isFinite(rate) ? `${rate.toFixed(1)}×` : "∞×");
export function formatSpan(ms: number): string {
  if (ms >= DAY && ms % DAY === 0) return `${ms / DAY} d`;
  if (ms >= HOUR) return `${+(ms / HOUR).toFixed(1)} h`;
  return `${Math.round(ms / MINUTE)} min`;
}

/** Whether a measured value meets a target (availability: at least; a time: at most). */
export function meetsTarget(measured: number, target: number, higherIsBetter: boolean): boolean {
  return higherIsBetter ? measured >= target : measured <= target;
}
