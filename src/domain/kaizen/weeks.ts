// ISO weeks for the weekly KPI: a week is named by its Monday 00:00 UTC, whatever the
// viewer's time zone, so a value posted from Tokyo and one typed in Lisbon land in one week.

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** The Monday 00:00 UTC of the ISO week containing `date`. */
export function isoWeekStart(date: Date): Date {
  const day = (date.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day));
}

/** True when `date` is exactly a Monday 00:00:00.000 UTC. */
export function isWeekStart(date: Date): boolean {
  return !Number.isNaN(date.getTime()) && isoWeekStart(date).getTime() === date.getTime();
}

export function addWeeks(weekStart: Date, n: number): Date {
  return new Date(weekStart.getTime() + n * WEEK_MS);
}

/** "2026-11-30": the week's Monday as a date, the key used in events and the API. */
export function weekKey(weekStart: Date): string {
  return weekStart.toISOString().slice(0, 10);
}

/** A week that has not started yet has no value to record. */
export function isFutureWeek(weekStart: Date, now: Date): boolean {
  return weekStart.getTime() > isoWeekStart(now).getTime();
}

/** The ISO week number and its year (for labels: "W48 2026"). */
export function isoWeekNumber(date: Date): { year: number; week: number } {
  const thursday = new Date(isoWeekStart(date).getTime() + 3 * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return { year: thursday.getUTCFullYear(), week: Math.floor((thursday.getTime() - yearStart) / WEEK_MS) + 1 };
}
