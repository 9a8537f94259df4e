import { describe, expect, it } from "vitest";
import { kpiConfirmed, meetsTarget, weeksOnTarget } from "@/domain/kaizen/kpi";
import { addWeeks, isFutureWeek, isoWeekNumber, isoWeekStart, isWeekStart, weekKey } from "@/domain/kaizen/weeks";

const NOW = new Date("2026-12-05T23:30:00Z"); // Saturday
const W = isoWeekStart(NOW);
const week = (n: number) => addWeeks(W, n);

describe("ISO weeks", () => {
  it("start on Monday 00:00 UTC", () => {
    expect(W.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(isoWeekStart(new Date("2026-11-30T00:00:00Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(isoWeekStart(new Date("2026-11-29T23:59:59Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z"); // Sunday
    expect(isWeekStart(W)).toBe(true);
    expect(isWeekStart(new Date("2026-12-01T00:00:00Z"))).toBe(false);
    expect(isWeekStart(new Date("2026-11-30T00:00:01Z"))).toBe(false);
    expect(weekKey(W)).toBe("2026-11-30");
  });
  it("this week is not in the future, next week is", () => {
    expect(isFutureWeek(W, NOW)).toBe(false);
    expect(isFutureWeek(week(-3), NOW)).toBe(false);
    expect(isFutureWeek(week(1), NOW)).toBe(true);
  });
  it("numbers weeks the ISO way across a year end", () => {
    expect(isoWeekNumber(new Date("2026-12-31T12:00:00Z"))).toEqual({ year: 2026, week: 53 });
    expect(isoWeekNumber(new Date("2027-01-04T00:00:00Z"))).toEqual({ year: 2027, week: 1 });
    expect(isoWeekNumber(W)).toEqual({ year: 2026, week: 49 });
  });
});

describe("KPI confirmation", () => {
  const lower = { target: 8, higherIsBetter: false };
  const higher = { target: 99.5, higherIsBetter: true };

  it("meets the target in the KPI's direction, the target itself included", () => {
    expect(meetsTarget(8, lower)).toBe(true);
    expect(meetsTarget(8.1, lower)).toBe(false);
    expect(meetsTarget(99.5, higher)).toBe(true);
    expect(meetsTarget(99.4, higher)).toBe(false);
  });

  it("lower is better: counts the streak ending with the latest week", () => {
    const points = [
      { weekStart: week(-3), value: 12 },
      { weekStart: week(-2), value: 7 },
      { weekStart: week(-1), value: 6 },
      { weekStart: week(0), value: 8 },
    ];
    expect(weeksOnTarget(points, lower, NOW)).toBe(3);
    expect(kpiConfirmed(points, lower, 2, NOW)).toBe(true);
    expect(kpiConfirmed(points, lower, 4, NOW)).toBe(false);
  });

  it("higher is better: a miss in the latest week breaks the streak", () => {
    const points = [
      { weekStart: week(-2), value: 99.9 },
      { weekStart: week(-1), value: 99.7 },
      { weekStart: week(0), value: 99.1 },
    ];
    expect(weeksOnTarget(points, higher, NOW)).toBe(0);
    expect(kpiConfirmed(points, higher, 2, NOW)).toBe(false);
  });

  it("a missing week breaks the streak", () => {
    const points = [
      { weekStart: week(-3), value: 5 },
      { weekStart: week(-2), value: 5 },
      { weekStart: week(0), value: 5 },
    ];
    expect(weeksOnTarget(points, lower, NOW)).toBe(1);
    expect(kpiConfirmed(points, lower, 2, NOW)).toBe(false);
  });

  it("last week's value still counts this week; an older streak does not", () => {
    const twoUntilLastWeek = [
      { weekStart: week(-2), value: 5 },
      { weekStart: week(-1), value: 5 },
    ];
    expect(kpiConfirmed(twoUntilLastWeek, lower, 2, NOW)).toBe(true);
    const stale = twoUntilLastWeek.map((p) => ({ ...p, weekStart: addWeeks(p.weekStart, -1) }));
    expect(weeksOnTarget(stale, lower, NOW)).toBe(0);
  });

  it("no values confirm nothing, in either direction", () => {
    expect(kpiConfirmed([], lower, 1, NOW)).toBe(false);
    expect(kpiConfirmed([], higher, 1, NOW)).toBe(false);
  });
});
