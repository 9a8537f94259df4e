import { describe, expect, it } from "vitest";
import { deliverySummary, deliveryWindow } from "@/domain/metrics/delivery-summary";
import type { DeploymentFact } from "@/domain/metrics/dora";
import { buildHistories, type FlowEvent } from "@/domain/metrics/history";
import { DAY_MS } from "@/domain/metrics/period";

// Three stages: lead time runs from entering Requirements (the default start) to entering Operations.
const stages = [
  { id: "st", key: "strategy", name: "Strategy", position: 0, retired: false },
  { id: "rq", key: "requirements", name: "Requirements", position: 1, retired: false },
  { id: "op", key: "operations", name: "Operations", position: 2, retired: false },
];
const NOW = Date.UTC(2026, 11, 6, 12);
const ago = (days: number) => NOW - days * DAY_MS;

function walk(itemId: string, committedDaysAgo: number, doneDaysAgo: number | null): FlowEvent[] {
  const out: FlowEvent[] = [
    { kind: "created", itemId, at: ago(committedDaysAgo + 1), stageId: "st" },
    { kind: "moved", itemId, at: ago(committedDaysAgo), fromStageId: "st", toStageId: "rq", rejected: false },
  ];
  if (doneDaysAgo !== null) out.push({ kind: "moved", itemId, at: ago(doneDaysAgo), fromStageId: "rq", toStageId: "op", rejected: false });
  return out;
}

const deploy = (id: string, daysAgo: number, environment = "production"): DeploymentFact => ({ id, environment, result: "SUCCESS", finishedAt: ago(daysAgo), commitAt: null, reworkForIncidentId: null });

describe("a portfolio row's delivery summary", () => {
  it("is the median lead time of the items done in the last 30 days, and the DORA deployment frequency tier", () => {
    const events = [...walk("a", 10, 8), ...walk("b", 20, 14), ...walk("c", 9, 3), ...walk("old", 80, 40), ...walk("open", 5, null)].sort((x, y) => x.at - y.at);
    const summary = deliverySummary(buildHistories(events).values(), stages, [deploy("d1", 2), deploy("d2", 9), deploy("d3", 16), deploy("d4", 23), deploy("d5", 27), deploy("stage", 1, "staging")], deliveryWindow(NOW));
    // Lead times 2, 6 and 6 days (the one done 40 days ago and the open one do not count).
    expect(summary.finished).toBe(3);
    expect(summary.leadTimeP50).toBe(6 * DAY_MS);
    // Five production deployments in 30 days: more than weekly, not daily.
    expect(summary.deployments).toBe(5);
    expect(summary.tier).toBe("high");
  });

  it("says nothing rather than zero when nothing was done or deployed", () => {
    const summary = deliverySummary(buildHistories(walk("open", 5, null)).values(), stages, [], deliveryWindow(NOW));
    expect(summary).toEqual({ leadTimeP50: null, finished: 0, tier: null, deployments: 0 });
  });
});
