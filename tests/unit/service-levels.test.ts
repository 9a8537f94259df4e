// Error budget and burn-rate arithmetic, computed by hand beside each case.
import { describe, expect, it } from "vitest";
import { burnAlerts, burnRate, DAY, errorBudget, HOUR, measureWindow, mergeIntervals, MINUTE } from "@/domain/service-levels";

const NOW = Date.UTC(2026, 11, 5, 12, 0, 0);
const ago = (ms: number) => NOW - ms;

describe("mergeIntervals", () => {
  it("merges overlapping and touching incidents and clips them to the window", () => {
    const merged = mergeIntervals(
      [
        { start: 50, end: 70 },
        { start: 0, end: 10 },
        { start: 5, end: 20 },
        { start: 20, end: 30 },
      ],
      2,
      60,
    );
    expect(merged).toEqual([
      { start: 2, end: 30 },
      { start: 50, end: 60 },
    ]);
  });
});

describe("errorBudget over a 30-day window at 99.9%", () => {
  // 30 days = 43,200 minutes; 0.1% of it = 43.2 minutes of allowed downtime.
  it("two overlapping incidents count their union once", () => {
    // 10:00–10:30 and 10:20–10:50 the day before: union 50 minutes, not 60.
    const incidents = [
      { start: ago(DAY + 2 * HOUR), end: ago(DAY + 2 * HOUR) + 30 * MINUTE },
      { start: ago(DAY + 2 * HOUR) + 20 * MINUTE, end: ago(DAY + 2 * HOUR) + 50 * MINUTE },
    ];
    const b = errorBudget(99.9, 30, NOW, incidents, []);
    expect(b.allowedDowntimeMs).toBeCloseTo(43.2 * MINUTE, 3);
    expect(b.downtimeMs).toBe(50 * MINUTE);
    expect(b.consumed).toBeCloseTo(50 / 43.2, 6);
    expect(b.breached).toBe(true);
    // 1 − 50/43,200 = 99.88426%
    expect(b.availabilityPercent).toBeCloseTo(100 * (1 - 50 / 43_200), 6);
  });

  it("counts only the part of an incident inside the window (window edges)", () => {
    // Started 30 days + 20 min ago, lasted 30 min: 10 minutes fall inside the window.
    const start = ago(30 * DAY + 20 * MINUTE);
    const b = errorBudget(99.9, 30, NOW, [{ start, end: start + 30 * MINUTE }], []);
    expect(b.downtimeMs).toBe(10 * MINUTE);
    expect(b.consumed).toBeCloseTo(10 / 43.2, 6);
    expect(b.breached).toBe(false);
    // An incident ending exactly at the window's start is outside it.
    const edge = errorBudget(99.9, 30, NOW, [{ start: ago(31 * DAY), end: ago(30 * DAY) }], []);
    expect(edge.noData).toBe(true);
  });

  it("a 28-day window allows 40.32 minutes", () => {
    const b = errorBudget(99.9, 28, NOW, [{ start: ago(HOUR), end: ago(HOUR) + 20 * MINUTE }], []);
    expect(b.allowedDowntimeMs).toBeCloseTo(40.32 * MINUTE, 3);
    expect(b.remainingMs).toBeCloseTo(20.32 * MINUTE, 3);
  });

  it("a window with no data says so and is not a breach", () => {
    const b = errorBudget(99.9, 30, NOW, [], []);
    expect(b).toMatchObject({ noData: true, availabilityPercent: null, downtimeMs: 0, breached: false });
  });

  it("samples add the downtime they report, minus what an incident already counted", () => {
    // A 1-hour sample at 90% = 6 min down. An incident covers 30 min of that hour: the other
    // 30 minutes count at 10% down = 3 min; the incident 30 min. Total 33 min.
    const s = { start: ago(2 * HOUR), end: ago(HOUR), availabilityPercent: 90 };
    expect(measureWindow(ago(3 * HOUR), NOW, [], [s]).downtimeMs).toBeCloseTo(6 * MINUTE, 6);
    const m = measureWindow(ago(3 * HOUR), NOW, [{ start: ago(2 * HOUR), end: ago(90 * MINUTE) }], [s]);
    expect(m.downtimeMs).toBeCloseTo(33 * MINUTE, 6);
    // Over 3 hours: 1 − 33/180.
    expect(m.availabilityPercent).toBeCloseTo(100 * (1 - 33 / 180), 6);
  });
});

describe("burn rate and multi-window alerts (SRE workbook)", () => {
  it("burn rate is the error rate over the allowed rate", () => {
    // 6 minutes down in the last hour = 10% errors; 99.9% allows 0.1% → 100×.
    expect(burnRate(99.9, HOUR, NOW, [{ start: ago(10 * MINUTE), end: ago(4 * MINUTE) }], [])).toBeCloseTo(100, 6);
    // No data in the lookback: unknown, not zero.
    expect(burnRate(99.9, HOUR, NOW, [], [])).toBeNull();
  });

  it("fast burn fires only when the long and the short window both burn at 14.4×", () => {
    // Fully up samples for the last 6 h, then a 5-minute outage ending now: 1 h rate
    // = (5/60)/0.001 = 83.3× and 5 min rate = 1000× → FAST fires; 6 h = (5/360)/0.001 = 13.9× ≥ 6
    // and 30 min = (5/30)/0.001 = 166.7× → SLOW fires too.
    const up = [{ start: ago(6 * HOUR), end: NOW, availabilityPercent: 100 }];
    const outage = [{ start: ago(5 * MINUTE), end: NOW }];
    expect(burnAlerts(99.9, NOW, outage, up).map((a) => a.rule)).toEqual(["FAST", "SLOW"]);
    // The same outage, over 20 minutes ago: the 5-minute window is clean → FAST stops;
    // 30-minute window = (5/30)/0.001 = 166× and 6 h = 13.9× → SLOW still fires.
    const earlier = [{ start: ago(25 * MINUTE), end: ago(20 * MINUTE) }];
    expect(burnAlerts(99.9, NOW, earlier, up).map((a) => a.rule)).toEqual(["SLOW"]);
  });

  it("a small steady burn below the thresholds does not alert", () => {
    // 99.5% available for 6 h = 0.5% errors = 5× < 6 and < 14.4.
    const s = [{ start: ago(6 * HOUR), end: NOW, availabilityPercent: 99.5 }];
    expect(burnRate(99.9, 6 * HOUR, NOW, [], s)).toBeCloseTo(5, 6);
    expect(burnAlerts(99.9, NOW, [], s)).toEqual([]);
  });
});
