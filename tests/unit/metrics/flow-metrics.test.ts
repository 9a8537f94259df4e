import { describe, expect, it } from "vitest";
import { agingWip, stageHistoricalPercentiles } from "@/domain/metrics/aging";
import { completeAndAccurate } from "@/domain/metrics/complete-accurate";
import { cumulativeFlow, throughputPerWeek, wipOverTime } from "@/domain/metrics/flow-charts";
import { flowReport } from "@/domain/metrics/flow-report";
import { buildHistories } from "@/domain/metrics/history";
import { finishedInPeriod, itemFlow } from "@/domain/metrics/lead-time";
import { percentile, percentiles } from "@/domain/metrics/percentiles";
import { isoWeekLabel } from "@/domain/metrics/period";
import { defaultLeadTimeBounds, positionsOf } from "@/domain/metrics/stages";
import { splitStay, timeInStages } from "@/domain/metrics/time-in-stage";
import { BOUNDS, EVENTS, H, NOW, PERIOD, STAGES, at } from "./fixture";

const histories = buildHistories(EVENTS);
const positions = positionsOf(STAGES);

describe("time in stage: process vs wait", () => {
  it("splits A's first stay in Requirements into queued 2h, process 2h, done-waiting 2h", () => {
    const a = histories.get("A")!;
    expect(splitStay(a, a.intervals[0]!, PERIOD)).toEqual({ total: 6 * H, wait: 4 * H, process: 2 * H, blocked: 0, queued: 2 * H, doneWaiting: 2 * H });
  });
  it("splits a block that spans a stage change between the two stages", () => {
    const a = histories.get("A")!;
    // Development 6–10h: queued 6–7, blocked 8–10 → wait 3h, process 1h
    expect(splitStay(a, a.intervals[1]!, PERIOD)).toMatchObject({ total: 4 * H, wait: 3 * H, process: 1 * H, blocked: 2 * H });
    // Deployment 10–14h: blocked 10–12 (the rest of the same block) → wait 2h, process 2h
    expect(splitStay(a, a.intervals[2]!, PERIOD)).toMatchObject({ total: 4 * H, wait: 2 * H, process: 2 * H, blocked: 2 * H });
  });
  it("sums every stay per stage, cuts stays at the period's edges and counts open stays to its end", () => {
    const t = timeInStages(histories.values(), PERIOD);
    // Development: A 4+6+4 = 14h (wait 3h); B 24–48h = 24h, blocked 24–30h; C −10–5h cut to 0–5h = 5h
    expect(t.get("s3")).toMatchObject({ total: 43 * H, wait: 9 * H, process: 34 * H, stays: 5, items: 3 });
    // Deployment (retired): A 4+2+4 = 10h (blocked 2h); C 5–40h = 35h
    expect(t.get("s4")).toMatchObject({ total: 45 * H, wait: 2 * H, process: 43 * H, items: 2 });
    // Requirements: A 0–6h (wait 4h); B 12–24h, blocked 20–24h
    expect(t.get("s2")).toMatchObject({ total: 18 * H, wait: 8 * H, process: 10 * H });
    // Operations: A 30–48h, C 40–48h, all process
    expect(t.get("s5")).toMatchObject({ total: 26 * H, wait: 0, process: 26 * H });
  });
  it("counts only what lies in the period: after it, the open stays alone", () => {
    const t = timeInStages(histories.values(), { from: at(100), to: at(110) });
    // A and C sit in Operations, B still in Development: 10h each
    expect(t.get("s5")).toMatchObject({ total: 20 * H, stays: 2 });
    expect(t.get("s3")).toMatchObject({ total: 10 * H, stays: 1 });
    expect(t.has("s2")).toBe(false);
  });
});

describe("%C/A", () => {
  it("counts Development's three passes of A, two sent back, C's pass and B's open stay not at all", () => {
    const ca = completeAndAccurate(histories.values(), PERIOD);
    // passes out of s3 in the period: A at 10h (sent back at 14h), 20h (sent back at 22h), 26h (ok), C at 5h (ok)
    expect(ca.get("s3")).toEqual({ stageId: "s3", passed: 4, sentBack: 2, percent: 50 });
    // Deployment sent work back twice but passed on only by moves at 30h and 40h
    expect(ca.get("s4")).toEqual({ stageId: "s4", passed: 2, sentBack: 0, percent: 100 });
  });
  it("counts only passes made inside the period", () => {
    const ca = completeAndAccurate(histories.values(), { from: at(11), to: at(21) });
    expect(ca.get("s3")).toEqual({ stageId: "s3", passed: 1, sentBack: 1, percent: 0 });
  });
});

describe("lead time with rework", () => {
  it("measures A from committed 0h to done 30h with 10h of rework over two rejections", () => {
    expect(itemFlow(histories.get("A")!, BOUNDS, positions, NOW)).toEqual({
      itemId: "A",
      committedAt: at(0),
      doneAt: at(30),
      leadTime: 30 * H,
      // back in Deployment 6h after the first rejection (14→20h), 4h after the second (22→26h)
      reworkTime: 10 * H,
      rejections: 2,
      // 2 + 1 + 2 + 6 + 2 + 4 + 4 = 21h of process between 0h and 30h
      processTime: 21 * H,
    });
  });
  it("measures C across the period's start: committed entering Development at −10h, done at 40h", () => {
    expect(itemFlow(histories.get("C")!, BOUNDS, positions, NOW)).toMatchObject({ committedAt: at(-10), doneAt: at(40), leadTime: 50 * H });
  });
  it("leaves an open item without a lead time", () => {
    expect(itemFlow(histories.get("B")!, BOUNDS, positions, NOW)).toMatchObject({ committedAt: at(12), doneAt: null, leadTime: null });
  });
  it("counts rework still under way up to now for an item sent back and not returned", () => {
    const h = buildHistories([
      { kind: "created", itemId: "X", at: at(0), stageId: "s3" },
      { kind: "moved", itemId: "X", at: at(2), fromStageId: "s3", toStageId: "s4", rejected: false },
      { kind: "moved", itemId: "X", at: at(5), fromStageId: "s4", toStageId: "s3", rejected: true },
    ]);
    expect(itemFlow(h.get("X")!, BOUNDS, positions, at(9))).toMatchObject({ reworkTime: 4 * H, rejections: 1, doneAt: null });
  });
  it("ends lead time at the last entry into done when an item was sent back out of it", () => {
    const h = buildHistories([
      { kind: "created", itemId: "Y", at: at(0), stageId: "s4" },
      { kind: "moved", itemId: "Y", at: at(1), fromStageId: "s4", toStageId: "s5", rejected: false },
      { kind: "moved", itemId: "Y", at: at(3), fromStageId: "s5", toStageId: "s4", rejected: true },
      { kind: "moved", itemId: "Y", at: at(8), fromStageId: "s4", toStageId: "s5", rejected: false },
    ]);
    expect(itemFlow(h.get("Y")!, BOUNDS, positions, at(9))).toMatchObject({ leadTime: 8 * H, reworkTime: 5 * H });
  });
  it("keeps only items done in the period", () => {
    const flows = [...histories.values()].map((h) => itemFlow(h, BOUNDS, positions, NOW));
    expect(finishedInPeriod(flows, { from: at(35), to: at(48) }).map((f) => f.itemId)).toEqual(["C"]);
  });
});

describe("percentiles (nearest rank)", () => {
  it("returns observed values", () => {
    expect(percentiles([30, 50])).toEqual({ p50: 30, p85: 50, p95: 50 });
    expect(percentile([5, 1, 4, 2, 3, 6, 7, 8, 9, 10], 85)).toBe(9);
    expect(percentile([], 50)).toBeNull();
  });
});

describe("cumulative flow, WIP and throughput", () => {
  it("samples each day at its last millisecond", () => {
    const cfd = cumulativeFlow(histories.values(), PERIOD, ["s1", "s2", "s3", "s4", "s5"]);
    // end of day 1 (23:59:59.999): A back in Development since 22h, B in Requirements, C in Deployment
    expect(cfd[0]).toEqual({ day: "2026-11-02", counts: { s1: 0, s2: 1, s3: 1, s4: 1, s5: 0 } });
    // end of day 2: A and C in Operations, B in Development
    expect(cfd[1]).toEqual({ day: "2026-11-03", counts: { s1: 0, s2: 0, s3: 1, s4: 0, s5: 2 } });
    expect(wipOverTime(cfd, ["s2", "s3", "s4"])).toEqual([
      { day: "2026-11-02", wip: 3 },
      { day: "2026-11-03", wip: 1 },
    ]);
  });
  it("samples a day cut short by the period at the period's end", () => {
    const cfd = cumulativeFlow(histories.values(), { from: at(0), to: at(29) }, ["s3", "s4"]);
    // at 28:59:59.999 A is in Deployment (26–30h), B in Development, C in Deployment
    expect(cfd[1]).toEqual({ day: "2026-11-03", counts: { s3: 1, s4: 2 } });
  });
  it("counts items done per ISO week and flags weeks the period cuts", () => {
    const flows = [...histories.values()].map((h) => itemFlow(h, BOUNDS, positions, NOW));
    const weeks = throughputPerWeek(finishedInPeriod(flows, PERIOD), PERIOD);
    expect(weeks).toEqual([{ week: "2026-W45", weekStart: "2026-11-02", items: 2, partial: true }]);
  });
  it("names ISO weeks across a year's edge", () => {
    expect(isoWeekLabel(Date.UTC(2027, 0, 1))).toBe("2026-W53");
    expect(isoWeekLabel(Date.UTC(2024, 11, 30))).toBe("2025-W01");
  });
});

describe("aging work in progress", () => {
  it("puts B's 24h in Development beyond the stage's 95th percentile", () => {
    const hist = stageHistoricalPercentiles(histories.values(), PERIOD);
    // Development stays that ended in the period: A 4h, 6h, 4h; C 15h (−10 → 5h) → p50 4h, p85 15h, p95 15h
    expect(hist.get("s3")).toEqual({ stageId: "s3", completedStays: 4, p50: 4 * H, p85: 15 * H, p95: 15 * H });
    expect(agingWip(histories.values(), new Set(["s2", "s3", "s4"]), hist, NOW)).toEqual([
      { itemId: "B", stageId: "s3", ageInStage: 24 * H, enteredStageAt: at(24), beyond: "p95" },
    ]);
  });
});

describe("the flow report", () => {
  const report = flowReport(histories, STAGES, BOUNDS, PERIOD, NOW);
  it("lists the retired stage that holds history, with its numbers", () => {
    expect(report.vsm.map((s) => s.stageId)).toEqual(["s1", "s2", "s3", "s4", "s5"]);
    expect(report.vsm.find((s) => s.stageId === "s4")).toMatchObject({ retired: true, processTime: 43 * H, itemsThrough: 2 });
  });
  it("gives end-to-end lead time, process time and flow efficiency of the finished items", () => {
    // A: lead 30h, process 21h; C: lead 50h, process 50h (never blocked or queued)
    expect(report.endToEnd).toEqual({
      finished: 2,
      leadTime: { p50: 30 * H, p85: 50 * H, p95: 50 * H, mean: 40 * H },
      processTime: 35.5 * H,
      reworkTime: 5 * H,
      flowEfficiency: (71 / 80) * 100,
    });
    expect(report.leadTimeDistribution).toEqual([
      { fromDays: 0, toDays: 1, items: 0 },
      { fromDays: 1, toDays: 2, items: 1 },
      { fromDays: 2, toDays: 3, items: 1 },
    ]);
    expect(report.dailyThroughput).toEqual([0, 2]);
  });
  it("defaults lead time to Requirements → Operations", () => {
    expect(defaultLeadTimeBounds(STAGES)).toEqual({ startStageId: "s2", doneStageId: "s5" });
  });
});
