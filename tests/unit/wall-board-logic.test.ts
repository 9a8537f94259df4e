import { describe, expect, it } from "vitest";
import {
  adjacentColumn,
  criteriaProgress,
  groupByLane,
  lanesFor,
  parseLaneMode,
  readRefusal,
  refusalNotice,
  shiftToCentre,
  skipNotice,
  type BoardItem,
} from "@/components/wall/board/board-logic";

const item = (over: Partial<BoardItem> = {}): BoardItem => ({
  id: "i1",
  serviceId: "s1",
  stageId: "a",
  kind: "FEATURE",
  title: "Checkout",
  description: "",
  rank: "a0",
  labels: [],
  blockedReason: null,
  businessValue: null,
  costEstimate: null,
  version: 3,
  enteredStageAt: "2026-11-27T08:00:00.000Z",
  createdAt: "2026-11-27T08:00:00.000Z",
  ...over,
});

const ctx = {
  title: "Checkout",
  fromStage: "Analysis",
  toStage: "Build",
  stageName: (id: string) => ({ a: "Analysis", b: "Build", c: "Release" })[id] ?? "?",
};

describe("readRefusal + refusalNotice: what a refused move tells the mover", () => {
  it("JKK names every missing criterion", () => {
    const r = readRefusal(422, {
      error: {
        code: "RULE_VIOLATION",
        message: "Analysis is not done: A; B.",
        details: { rule: "JKK_INCOMPLETE", missing: [{ id: "c1", text: "Acceptance criteria written" }, { id: "c2", text: "Risks assessed" }] },
      },
    });
    expect(r).toMatchObject({ kind: "jkk", missing: [{ id: "c1" }, { id: "c2" }] });
    expect(refusalNotice(r, ctx)).toBe(
      "“Checkout” cannot leave Analysis (JKK: 100% done first). Missing: Acceptance criteria written; Risks assessed.",
    );
  });

  it("WIP limit carries the count and the limit (the wall offers an expedite)", () => {
    const r = readRefusal(422, { error: { message: "x", details: { rule: "WIP_LIMIT", limit: 3, count: 3 } } });
    expect(r).toEqual({ kind: "wip", limit: 3, count: 3, message: "x" });
    expect(refusalNotice(r, ctx)).toContain("Build is at its WIP limit (3/3)");
  });

  it("a stopped line names the stage; an andon on the card itself says so instead", () => {
    const r = readRefusal(422, { error: { message: "The andon is pulled on Build: the line is stopped.", details: { rule: "LINE_STOPPED" } } });
    expect(r.kind).toBe("line-stopped");
    expect(refusalNotice(r, ctx)).toContain("the line is stopped at Build");
    expect(refusalNotice(r, { ...ctx, itemAndon: true })).toContain("the andon is pulled on this card");
  });

  it("a conflict says where the card went; without the current item it still says the move did not apply", () => {
    const r = readRefusal(409, { error: { code: "VERSION_CONFLICT", message: "stale", details: { current: item({ stageId: "c" }) } } });
    expect(refusalNotice(r, ctx)).toBe("“Checkout” was moved by someone else before your move: it is now in Release. Your move was not applied.");
    expect(refusalNotice(readRefusal(409, null), ctx)).toBe("“Checkout” changed before your move. Your move was not applied.");
  });

  it("other rules name the rule; permission and sign-out say so", () => {
    const rule = readRefusal(422, { error: { message: "Release gate not passed.", details: { rule: "GATE_NOT_PASSED" } } });
    expect(refusalNotice(rule, ctx)).toBe("“Checkout” cannot move to Build (rule GATE_NOT_PASSED): Release gate not passed.");
    expect(refusalNotice(readRefusal(403, { error: { message: "Viewers cannot move items." } }), ctx)).toBe(
      "You may not move “Checkout”: Viewers cannot move items.",
    );
    expect(refusalNotice(readRefusal(401, null), ctx)).toMatch(/Sign in again/);
    expect(refusalNotice(readRefusal(500, null), ctx)).toContain("error 500");
  });

  it("a WIP refusal without numbers is an ordinary rule refusal (no dialog with made-up numbers)", () => {
    expect(readRefusal(422, { error: { message: "m", details: { rule: "WIP_LIMIT" } } }).kind).toBe("rule");
  });
});

describe("criteriaProgress: JKK at a glance", () => {
  const criteria = [
    { id: "c1", text: "One" },
    { id: "c2", text: "Two" },
    { id: "c3", text: "Three" },
  ];
  it("counts met criteria of the stage and lists the missing ones in order", () => {
    expect(criteriaProgress(criteria, item({ doneCriterionIds: ["c2"] }))).toEqual({
      done: 1,
      total: 3,
      missing: [criteria[0], criteria[2]],
    });
  });
  it("ids of other stages' criteria do not count; no criteria means nothing to show", () => {
    expect(criteriaProgress(criteria, item({ doneCriterionIds: ["x9", "c1"] })).done).toBe(1);
    expect(criteriaProgress(undefined, item()).total).toBe(0);
    expect(criteriaProgress(criteria, item()).missing).toHaveLength(3);
  });
});

describe("adjacentColumn / shiftToCentre: the keyboard moves a card a column at a time", () => {
  // Given out of order on purpose: the order on screen decides.
  const cols = [
    { id: "b", left: 340, width: 320 },
    { id: "a", left: 0, width: 320 },
    { id: "c", left: 680, width: 320 },
  ];
  it("goes right and left by position, and stops at either end", () => {
    expect(adjacentColumn(cols, "a", "right")?.id).toBe("b");
    expect(adjacentColumn(cols, "b", "right")?.id).toBe("c");
    expect(adjacentColumn(cols, "c", "right")).toBeNull();
    expect(adjacentColumn(cols, "b", "left")?.id).toBe("a");
    expect(adjacentColumn(cols, "a", "left")).toBeNull();
    expect(adjacentColumn(cols, "zzz", "right")).toBeNull();
    expect(adjacentColumn(cols, null, "right")).toBeNull();
  });
  it("centres the dragged box over the target column", () => {
    // A 300-wide card at x=10 over column b (centre 500): its centre 160 moves by 340.
    expect(shiftToCentre(cols[0]!, 10, 300)).toBe(340);
    expect(shiftToCentre(cols[1]!, 350, 300)).toBe(-340);
  });
});

describe("swimlanes", () => {
  it("by kind: five lanes in a fixed order, items keep their rank order inside each", () => {
    const items = [item({ id: "1", kind: "DEFECT" }), item({ id: "2", kind: "FEATURE" }), item({ id: "3", kind: "DEFECT" })];
    const lanes = groupByLane(items, "kind");
    expect([...lanes.keys()]).toEqual(["FEATURE", "RFC", "MAINTENANCE", "DEFECT", "IMPROVEMENT"]);
    expect(lanes.get("DEFECT")!.map((i) => i.id)).toEqual(["1", "3"]);
    expect(lanes.get("FEATURE")!.map((i) => i.id)).toEqual(["2"]);
    expect(lanes.get("RFC")).toEqual([]);
    expect(lanesFor("kind").map((l) => l.label)).toEqual(["Feature", "RfC", "Maintenance", "Defect", "Improvement"]);
  });
  it("none: one lane with everything", () => {
    const lanes = groupByLane([item({ id: "1" }), item({ id: "2", kind: "RFC" })], "none");
    expect([...lanes.keys()]).toEqual(["all"]);
    expect(lanes.get("all")).toHaveLength(2);
  });
  it("a stored choice is read defensively", () => {
    expect(parseLaneMode("kind")).toBe("kind");
    expect(parseLaneMode("none")).toBe("none");
    expect(parseLaneMode(null)).toBe("none");
    expect(parseLaneMode("team")).toBe("none");
  });
});

describe("skipNotice: a drop further than the next stage is refused before any request", () => {
  const stages = [
    { id: "i", name: "Intake", position: 0, retired: false },
    { id: "a", name: "Analysis", position: 1, retired: false },
    { id: "x", name: "Old", position: 2, retired: true },
    { id: "b", name: "Build", position: 3, retired: false },
    { id: "r", name: "Release", position: 4, retired: false },
  ];
  const card = { title: "Checkout", stageId: "i" };
  it("names the stages passed by", () => {
    expect(skipNotice(stages, card, stages[4]!)).toBe(
      "“Checkout” cannot go from Intake to Release: it would skip Analysis, Build. A card moves downstream one stage at a time, so each stage checks its own done-criteria, andon and gate.",
    );
  });
  it("lets the next stage (a retired one in between does not count) and any stage upstream through", () => {
    expect(skipNotice(stages, card, stages[1]!)).toBeNull();
    expect(skipNotice(stages, { ...card, stageId: "a" }, stages[3]!)).toBeNull();
    expect(skipNotice(stages, { ...card, stageId: "r" }, stages[0]!)).toBeNull();
  });
});
