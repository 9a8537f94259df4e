// Operating cost as the Service Master plans it (like Toyota's chief engineer): planned per
// month and category, actuals entered as they come; variance per month and for the year to date.

export type CostLine = { month: string; category: string; planned: number; actual: number | null };

/** "2026-03" for the first of a month (UTC); the month a cost belongs to. */
export function monthKey(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The first instant of a "YYYY-MM" month, UTC; null for anything else. */
export function parseMonth(key: string): Date | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null;
}

export type MonthVariance = {
  month: string;
  planned: number;
  /** null until any actual of the month is entered */
  actual: number | null;
  /** actual − planned (positive: over plan); null without actuals */
  variance: number | null;
};

/** Per month (all categories together), ascending. */
export function monthlyVariance(lines: readonly CostLine[]): MonthVariance[] {
  const byMonth = new Map<string, { planned: number; actual: number | null }>();
  for (const l of lines) {
    const m = byMonth.get(l.month) ?? { planned: 0, actual: null };
    m.planned += l.planned;
    if (l.actual !== null) m.actual = (m.actual ?? 0) + l.actual;
    byMonth.set(l.month, m);
  }
  return [...byMonth]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, m]) => ({ month, planned: m.planned, actual: m.actual, variance: m.actual === null ? null : m.actual - m.planned }));
}

export type YearToDate = { year: number; planned: number; actual: number; variance: number; variancePercent: number | null };

/**
 * Year to date: the months of `now`'s year up to and including the current month that have
 * actuals — planned is compared only for those months, so an unbooked month is not "under plan".
 */
export function yearToDate(lines: readonly CostLine[], now: Date): YearToDate {
  const year = now.getUTCFullYear();
  const upTo = monthKey(now);
  const months = monthlyVariance(lines).filter((m) => m.month.startsWith(`${year}-`) && m.month <= upTo && m.actual !== null);
  const planned = months.reduce((s, m) => s + m.planned, 0);
  const actual = months.reduce((s, m) => s + m.actual!, 0);
  return { year, planned, actual, variance: actual - planned, variancePercent: planned > 0 ? (100 * (actual - planned)) / planned : null };
}

/** Over plan beyond a tolerance (5% by default: a month's noise is not a problem). */
export function isOverPlan(planned: number, actual: number, tolerancePercent = 5): boolean {
  return actual > planned * (1 + tolerancePercent / 100);
}
