import { describe, expect, it } from "vitest";
import { DEFAULT_STAGES, orderStages } from "@/domain/stages";
import { rankAfter, rankBetween, ranksAfter } from "@/domain/ranks";

describe("default value stream", () => {
  it("has the eleven stages of DOMAIN.md, strategy first and end of life last, with unique keys", () => {
    expect(DEFAULT_STAGES).toHaveLength(11);
    expect(DEFAULT_STAGES[0]!.key).toBe("strategy");
    expect(DEFAULT_STAGES[10]!.key).toBe("end-of-life");
    expect(new Set(DEFAULT_STAGES.map((s) => s.key)).size).toBe(11);
    for (const s of DEFAULT_STAGES) expect(s.doneCriteria.length).toBeGreaterThan(0);
  });
  it("orders stages by position with retired ones last", () => {
    const ordered = orderStages([
      { id: "c", position: 0, retired: true },
      { id: "b", position: 2, retired: false },
      { id: "a", position: 1, retired: false },
    ]);
    expect(ordered.map((s) => s.id)).toEqual(["a", "b", "c"]);
  });
});

describe("fractional ranks", () => {
  it("sort in insertion order when appended", () => {
    const ranks = ranksAfter(null, 100);
    expect([...ranks].sort()).toEqual(ranks);
    const next = rankAfter(ranks[99]!);
    expect(next > ranks[99]!).toBe(true);
  });
  it("fit between any two neighbours without touching them", () => {
    let lo = rankAfter(null);
    const hi = rankAfter(lo);
    for (let i = 0; i < 50; i++) {
      const mid = rankBetween(lo, hi);
      expect(mid > lo && mid < hi).toBe(true);
      lo = mid;
    }
  });
});
