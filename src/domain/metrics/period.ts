// Periods, days and ISO weeks in UTC.

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export type Period = { from: number; to: number }; // [from, to), epoch ms

/** UTC midnight at or before t. */
export function dayStart(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

/** Monday 00:00 UTC of the ISO week containing t. */
export function isoWeekStart(t: number): number {
  const d = dayStart(t);
  const weekday = (new Date(d).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return d - weekday * DAY_MS;
}

/** ISO 8601 week label, e.g. "2026-W49" (the year is the ISO week-numbering year). */
export function isoWeekLabel(t: number): string {
  const monday = isoWeekStart(t);
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The UTC days touching the period: each with its start and the instant it is sampled at. */
export function daysOf(period: Period): { day: string; start: number; sampleAt: number }[] {
  const out: { day: string; start: number; sampleAt: number }[] = [];
  for (let d = dayStart(period.from); d < period.to; d += DAY_MS) {
    // Sampled at the end of the day, or at the period's end for a day cut short (today).
    out.push({ day: new Date(d).toISOString().slice(0, 10), start: d, sampleAt: Math.min(d + DAY_MS, period.to) - 1 });
  }
  return out;
}
