// The weekly KPI: does it show the countermeasures worked? One value per ISO week; a week
// without a value breaks a streak (nobody looked, so nothing is confirmed).
import { addWeeks, isoWeekStart } from "./weeks";

export type KpiDefinition = { target: number; higherIsBetter: boolean };
export type KpiPoint = { weekStart: Date; value: number };

export function meetsTarget(value: number, kpi: KpiDefinition): boolean {
  return kpi.higherIsBetter ? value >= kpi.target : value <= kpi.target;
}

/**
 * How many consecutive ISO weeks, ending with the latest week that has a value, met the target.
 * A missing week or a miss ends the streak. The latest value must be from this week or the last
 * one: an old streak says nothing about now.
 */
export function weeksOnTarget(points: readonly KpiPoint[], kpi: KpiDefinition, now: Date): number {
  if (points.length === 0) return 0;
  const byWeek = new Map(points.map((p) => [isoWeekStart(p.weekStart).getTime(), p.value]));
  const latest = Math.max(...byWeek.keys());
  const thisWeek = isoWeekStart(now);
  if (latest < addWeeks(thisWeek, -1).getTime()) return 0;
  let streak = 0;
  for (let week = new Date(latest); ; week = addWeeks(week, -1)) {
    const value = byWeek.get(week.getTime());
    if (value === undefined || !meetsTarget(value, kpi)) return streak;
    streak++;
  }
}

/** Check → Act: the target met for `weeks` consecutive weeks. */
export function kpiConfirmed(points: readonly KpiPoint[], kpi: KpiDefinition, weeks: number, now: Date): boolean {
  return weeksOnTarget(points, kpi, now) >= weeks;
}
