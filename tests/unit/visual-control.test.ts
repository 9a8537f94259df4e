import { describe, expect, it } from "vitest";
import { countProblems, formatAge, stageProblems, type HealthItem } from "@/domain/visual-control";

const now = new Date("2026-11-27T12:00:00Z");
const item = (over: Partial<HealthItem> & { id: string }): HealthItem => ({
  title: over.id,
  blockedReason: null,
  enteredStageAt: "2026-11-27T11:00:00Z",
  expediteReason: null,
  sentBackReason: null,
  ...over,
});
const stage = { name: "Development", wipLimit: 2, ageThresholdHours: 24 };

describe("stage problems", () => {
  it("a healthy stage has none (green)", () => {
    expect(stageProblems({ stage, items: [item({ id: "a" })], openAndons: [], now })).toEqual([]);
  });
  it("says exactly what is wrong", () => {
    const problems = stageProblems({
      stage,
      items: [
        item({ id: "a", blockedReason: "waiting for test data" }),
        item({ id: "b", enteredStageAt: "2026-11-25T12:00:00Z" }),
        item({ id: "c", sentBackReason: "no test data", expediteReason: "hotfix" }),
      ],
      openAndons: [{ reason: "build broken", itemId: null }],
      now,
    });
    expect(problems.map((p) => p.kind)).toEqual(["ANDON", "WIP_OVER_LIMIT", "EXPEDITE", "BLOCKED", "AGED", "REJECTED"]);
    expect(problems[0]!.message).toBe("Andon pulled: build broken");
    expect(problems[1]!.message).toBe("WIP 3 over limit 2");
    expect(problems[2]).toEqual({ kind: "EXPEDITE", message: "Expedited: c — hotfix", itemIds: ["c"] });
    expect(problems[3]!.message).toContain("waiting for test data");
    expect(problems[4]).toMatchObject({ itemIds: ["b"], message: "1 waiting longer than 24h" });
    expect(problems[5]).toEqual({ kind: "REJECTED", message: "Sent back: c — no test data", itemIds: ["c"] });
  });
  it("an expedite stops being a problem once the stage is back within its limit", () => {
    const fast = item({ id: "x", expediteReason: "outage fix" });
    const over = stageProblems({ stage, items: [fast, item({ id: "y" }), item({ id: "z" })], openAndons: [], now });
    expect(over.map((p) => p.kind)).toEqual(["WIP_OVER_LIMIT", "EXPEDITE"]);
    expect(stageProblems({ stage, items: [fast, item({ id: "y" })], openAndons: [], now })).toEqual([]);
  });
  it("formats ages for a glance", () => {
    expect(formatAge(0.5)).toBe("30m");
    expect(formatAge(5)).toBe("5h");
    expect(formatAge(72)).toBe("3d");
  });
});

describe("problem counts (the home page's glance at a wall)", () => {
  it("counts open andons apart from every other problem; none is green", () => {
    const problems = stageProblems({
      stage,
      items: [item({ id: "a", blockedReason: "waiting" }), item({ id: "b", enteredStageAt: "2026-11-25T12:00:00Z" }), item({ id: "c" })],
      openAndons: [{ reason: "build broken", itemId: null }],
      now,
    });
    expect(countProblems(problems)).toEqual({ andons: 1, problems: 3 });
    expect(countProblems([])).toEqual({ andons: 0, problems: 0 });
  });
});
