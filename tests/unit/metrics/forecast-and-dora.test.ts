import { describe, expect, it } from "vitest";
import { changeFailureTier, deploymentFrequencyTier, doraMetrics, leadTimeTier, recoveryTier, type DeploymentFact, type IncidentFact } from "@/domain/metrics/dora";
import { forecastDaysFor, forecastItemsWithin, seededRandom } from "@/domain/metrics/forecast";
import { DAY_MS } from "@/domain/metrics/period";

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);

describe("seeded random source", () => {
  it("repeats its sequence for a seed and differs between seeds", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect(c()).not.toBe(seqA[0]);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("Monte Carlo forecast (10,000 runs)", () => {
  it("answers 'when will 2 items be done' from days of 0, 0 or 2 items", () => {
    // each day finishes the 2 items with probability 1/3: P(≤ k days) = 1 − (2/3)^k
    // → 0.333, 0.556 (k=2 ≥ 50%), …, 0.802, 0.868 (k=5 ≥ 85%), …, 0.941, 0.961 (k=8 ≥ 95%)
    expect(forecastDaysFor(2, [0, 0, 2], 7)).toEqual({ p50: 2, p85: 5, p95: 8 });
  });
  it("is reproducible with the same seed", () => {
    const samples = [0, 1, 3, 0, 2, 5, 1];
    expect(forecastDaysFor(40, samples, 99)).toEqual(forecastDaysFor(40, samples, 99));
  });
  it("answers 'how many by day D' with fewer items at higher confidence", () => {
    expect(forecastItemsWithin(10, [1], 1)).toEqual({ p50: 10, p85: 10, p95: 10 });
    const f = forecastItemsWithin(20, [0, 1, 2, 3], 5)!;
    // the mean is 30; the spread is ±√(20·1.25) ≈ 5: the 85% answer sits below the median
    expect(f.p50).toBeGreaterThanOrEqual(28);
    expect(f.p50).toBeLessThanOrEqual(32);
    expect(f.p85).toBeLessThan(f.p50);
    expect(f.p95).toBeLessThan(f.p85);
  });
  it("has no answer without throughput", () => {
    expect(forecastDaysFor(3, [0, 0], 1)).toBeNull();
    expect(forecastDaysFor(3, [], 1)).toBeNull();
  });
});

const dep = (id: string, hours: number, over: Partial<DeploymentFact> = {}): DeploymentFact => ({
  id,
  environment: "production",
  result: "SUCCESS",
  finishedAt: T0 + hours * H,
  commitAt: null,
  reworkForIncidentId: null,
  ...over,
});

describe("DORA four keys and rework rate", () => {
  const period = { from: T0, to: T0 + 30 * DAY_MS };
  const deployments: DeploymentFact[] = [
    dep("d1", 10, { commitAt: T0 + 8 * H }), // 2h
    dep("d2", 100, { commitAt: T0 + 70 * H }), // 30h
    dep("d3", 200, { result: "FAILURE" }),
    dep("d4", 300, { commitAt: T0 + 290 * H }), // 10h, caused two incidents
    dep("d5", 310, { commitAt: T0 + 309 * H, reworkForIncidentId: "i1" }), // 1h, the fix
    dep("d6", 320, { environment: "staging", result: "FAILURE" }), // not production
    dep("d7", 31 * 24, {}), // after the period
  ];
  const incidents: IncidentFact[] = [
    { id: "i1", openedAt: T0 + 301 * H, resolvedAt: T0 + 301.5 * H, causedByDeploymentId: "d4" },
    { id: "i2", openedAt: T0 + 302 * H, resolvedAt: T0 + 305 * H, causedByDeploymentId: "d4" },
    { id: "i3", openedAt: T0 + 400 * H, resolvedAt: null, causedByDeploymentId: null },
  ];
  const m = doraMetrics(deployments, incidents, period);

  it("counts production deployments in the period: 4 successful of 5 over 30 days is medium", () => {
    expect(m.deployments).toBe(5);
    expect(m.successfulDeployments).toBe(4);
    expect(m.deploymentsPerDay).toBeCloseTo(4 / 30);
    expect(m.deploymentFrequencyTier).toBe("medium");
  });
  it("takes the median and p85 commit → production of successful deployments", () => {
    // 1h, 2h, 10h, 30h → median (rank 2) 2h, p85 (rank 4) 30h
    expect(m.leadTimeForChanges).toEqual({ median: 2 * H, p85: 30 * H, changes: 4, tier: "elite", deploymentIds: ["d1", "d2", "d4", "d5"] });
  });
  it("counts change failures per deployment: two incidents of d4 are one failed deployment", () => {
    expect(m.changeFailureRate).toEqual({ failed: 2, deployments: 5, percent: 40, tier: "low", failedDeploymentIds: ["d3", "d4"] });
  });
  it("never passes 100% however many incidents each deployment caused", () => {
    const many = [1, 2, 3].flatMap((n) => [
      { id: `a${n}`, openedAt: T0, resolvedAt: T0 + H, causedByDeploymentId: "d1" },
      { id: `b${n}`, openedAt: T0, resolvedAt: T0 + H, causedByDeploymentId: "d2" },
    ]);
    const only = doraMetrics([deployments[0]!, deployments[1]!], many, period);
    expect(only.changeFailureRate.percent).toBe(100);
  });
  it("measures recovery from incidents resolved in the period (30 min and 3h → median 30 min, elite)", () => {
    expect(m.recoveryTime).toEqual({ median: 0.5 * H, p85: 3 * H, incidents: 2, tier: "elite", incidentIds: ["i1", "i2"] });
  });
  it("computes deployment rework rate from deployments made because of an incident", () => {
    expect(m.reworkRate).toEqual({ rework: 1, deployments: 5, percent: 20, deploymentIds: ["d5"] });
  });
  it("has no values and no tiers without deployments", () => {
    const empty = doraMetrics([], [], period);
    expect(empty.deploymentFrequencyTier).toBeNull();
    expect(empty.changeFailureRate.percent).toBeNull();
    expect(empty.leadTimeForChanges.median).toBeNull();
  });
});

describe("DORA 2024 tiers", () => {
  it("deployment frequency", () => {
    expect(deploymentFrequencyTier(3)).toBe("elite");
    expect(deploymentFrequencyTier(1 / 7)).toBe("high");
    expect(deploymentFrequencyTier(1 / 8)).toBe("medium");
    expect(deploymentFrequencyTier(1 / 31)).toBe("low");
  });
  it("lead time for changes", () => {
    expect(leadTimeTier(23 * H)).toBe("elite");
    expect(leadTimeTier(7 * DAY_MS)).toBe("high");
    expect(leadTimeTier(8 * DAY_MS)).toBe("medium");
    expect(leadTimeTier(31 * DAY_MS)).toBe("low");
  });
  it("change failure rate: nearest published cluster value, ties to the better tier", () => {
    expect(changeFailureTier(0)).toBe("elite");
    expect(changeFailureTier(7.5)).toBe("elite");
    expect(changeFailureTier(12)).toBe("medium");
    expect(changeFailureTier(15)).toBe("high");
    expect(changeFailureTier(31)).toBe("low");
  });
  it("recovery time", () => {
    expect(recoveryTier(59 * 60_000)).toBe("elite");
    expect(recoveryTier(23 * H)).toBe("high");
    expect(recoveryTier(2 * DAY_MS)).toBe("low");
  });
});
