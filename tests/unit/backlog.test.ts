import { describe, expect, it } from "vitest";
import { compareRanks, doneStageId, duplicateRanks, isOnBacklog, matchesFilter, neighboursAt, planReorder, type RankedRow } from "@/domain/backlog";
import { ranksAfter } from "@/domain/ranks";

const rows = (ids: string[]): RankedRow[] => {
  const ranks = ranksAfter(null, ids.length);
  return ids.map((id, i) => ({ id, rank: ranks[i]! }));
};
const order = (rs: RankedRow[]) => [...rs].sort((a, b) => compareRanks(a.rank, b.rank)).map((r) => r.id);
function apply(rs: RankedRow[], move: Parameters<typeof planReorder>[1]): RankedRow[] {
  const plan = planReorder(rs, move);
  if (!plan.ok) throw new Error(plan.message);
  return rs.map((r) => (r.id === move.itemId ? { ...r, rank: plan.rank } : r));
}

describe("what is on the backlog", () => {
  const stages = [
    { id: "s1", position: 0, retired: false },
    { id: "s3", position: 2, retired: true },
    { id: "s2", position: 1, retired: false },
  ];
  it("the last open stage holds the done items; retired stages do not count", () => {
    expect(doneStageId(stages)).toBe("s2");
    expect(doneStageId([])).toBeNull();
  });
  it("an item is on the backlog unless it is in the done stage or marked done", () => {
    expect(isOnBacklog({ stageId: "s1" }, "s2")).toBe(true);
    expect(isOnBacklog({ stageId: "s2" }, "s2")).toBe(false);
    expect(isOnBacklog({ stageId: "s1", doneAt: new Date() }, "s2")).toBe(false);
  });
  it("filters by kind, stage, label (any case) and team, all at once", () => {
    const item = { kind: "RFC", stageId: "s1", labels: ["Checkout", "mobile"], teamId: "t1" };
    expect(matchesFilter(item, {})).toBe(true);
    expect(matchesFilter(item, { kind: "RFC", stageId: "s1", label: "checkout", teamId: "t1" })).toBe(true);
    expect(matchesFilter(item, { kind: "FEATURE" })).toBe(false);
    expect(matchesFilter(item, { stageId: "s2" })).toBe(false);
    expect(matchesFilter(item, { label: "desktop" })).toBe(false);
    expect(matchesFilter(item, { teamId: "t2" })).toBe(false);
  });
});

describe("planReorder", () => {
  it("moves item 5 to the top, between nothing and the first item, touching only its rank", () => {
    const rs = rows(["a", "b", "c", "d", "e"]);
    const after = apply(rs, { itemId: "e", afterItemId: null, beforeItemId: "a" });
    expect(order(after)).toEqual(["e", "a", "b", "c", "d"]);
    expect(after.filter((r, i) => r.rank !== rs[i]!.rank).map((r) => r.id)).toEqual(["e"]);
  });
  it("moves an item down between two neighbours, and to the bottom", () => {
    const rs = rows(["a", "b", "c", "d"]);
    expect(order(apply(rs, { itemId: "a", afterItemId: "c", beforeItemId: "d" }))).toEqual(["b", "c", "a", "d"]);
    expect(order(apply(rs, { itemId: "a", afterItemId: "d", beforeItemId: null }))).toEqual(["b", "c", "d", "a"]);
  });
  it("two moves that saw the same neighbours get different ranks, because each reads the ranks as they are", () => {
    let rs = rows(["a", "b", "x", "y"]);
    rs = apply(rs, { itemId: "x", afterItemId: "a", beforeItemId: "b" });
    rs = apply(rs, { itemId: "y", afterItemId: "a", beforeItemId: "b" });
    expect(duplicateRanks(rs)).toEqual([]);
    expect(order(rs)).toEqual(["a", "y", "x", "b"]);
  });
  it("refuses neighbours that are now in the other order (the mover's picture is too old)", () => {
    const rs = rows(["a", "b", "c"]);
    const plan = planReorder(rs, { itemId: "a", afterItemId: "c", beforeItemId: "b" });
    expect(plan).toMatchObject({ ok: false, code: "STALE_NEIGHBOURS" });
  });
  it("refuses an unknown item or neighbour", () => {
    const rs = rows(["a", "b"]);
    expect(planReorder(rs, { itemId: "zz", afterItemId: "a", beforeItemId: null })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(planReorder(rs, { itemId: "a", afterItemId: "zz", beforeItemId: null })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
  it("keeps ranks unique and the order total over 500 random moves", () => {
    let rs = rows(Array.from({ length: 30 }, (_, i) => `i${i}`));
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let k = 0; k < 500; k++) {
      const ids = order(rs);
      const itemId = ids[rnd(ids.length)]!;
      const others = ids.filter((id) => id !== itemId);
      const at = rnd(others.length + 1);
      rs = apply(rs, { itemId, afterItemId: others[at - 1] ?? null, beforeItemId: others[at] ?? null });
      expect(order(rs).filter((id) => id !== itemId)).toEqual(others);
      expect(order(rs).indexOf(itemId)).toBe(at);
    }
    expect(duplicateRanks(rs)).toEqual([]);
    expect(new Set(rs.map((r) => r.id)).size).toBe(30);
  });
});

describe("neighboursAt", () => {
  it("names the items around the drop point", () => {
    expect(neighboursAt(["e", "a", "b"], "e")).toEqual({ afterItemId: null, beforeItemId: "a" });
    expect(neighboursAt(["a", "e", "b"], "e")).toEqual({ afterItemId: "a", beforeItemId: "b" });
    expect(neighboursAt(["a", "b", "e"], "e")).toEqual({ afterItemId: "b", beforeItemId: null });
  });
});
