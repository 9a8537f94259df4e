import { describe, expect, it } from "vitest";
import { formatAge, stageProblems, type HealthItem } from "@/domain/visual-control";

const now = new Date("2026-11-27T12:00:00Z");
const item = (over: Partial<HealthItem> & { id: string }): HealthItem => ({
  title: over.id,
  blockedReason: null,
  enteredStageAt: "2026-11-27T11:00:00Z",
  expedite: false,
  rejectionCount: 0,
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
        item({ id: "c", rejectionCount: 1, expedite: true }),
      ],
      openAndons: [{ reason: "build broken", itemId: null }],
      now,
    });
    expect(problems.map((p) => p.kind)).toEqual(["ANDON", "WIP_OVER_LIMIT", "BLOCKED", "AGED", "REJECTED"]);
    expect(problems[0]!.message).toBe("Andon pulled: build broken");
    expect(problems[1]!.message).toBe("WIP 3 over limit 2");
    expect(problems[2]!.message).toContain("waiting for test data");
    expect(problems[3]).toMatchObject({ itemIds: ["b"], message: "1 waiting longer than 24h" });
  });
  it("formats ages for a glance", () => {
    expect(formatAge(0.5)).toBe("30m");
    expect(formatAge(5)).toBe("5h");
    expect(formatAge(72)).toBe("3d");
  });
});
