import { describe, expect, it } from "vitest";
import { decideFlowMove, missingCriteria, moveOptions, stagesBetween, type FlowMove, type FlowStage } from "@/domain/flow-rules";

const stage = (over: Partial<FlowStage> & { id: string; position: number }): FlowStage => ({
  name: over.id,
  retired: false,
  wipLimit: null,
  itemCount: 0,
  andonOpen: false,
  criteria: [],
  ...over,
});

const dev = stage({ id: "dev", name: "Development", position: 5, criteria: [{ id: "c1", text: "Tests written first" }, { id: "c2", text: "Code reviewed" }] });
const deploy = stage({ id: "deploy", name: "Deployment", position: 6, wipLimit: 2, itemCount: 1 });
const req = stage({ id: "req", name: "Requirements", position: 4 });

const move = (over: Partial<FlowMove> = {}): FlowMove => ({
  item: { id: "i", stageId: "dev", version: 1, andonOpen: false, criteria: [{ criterionId: "c1", done: true }, { criterionId: "c2", done: true }] },
  expectedVersion: 1,
  from: dev,
  to: deploy,
  between: [],
  ...over,
});

describe("JKK", () => {
  it("lists exactly the unmet criteria", () => {
    expect(missingCriteria(dev.criteria, [{ criterionId: "c1", done: true }, { criterionId: "c2", done: false }])).toEqual([
      { id: "c2", text: "Code reviewed" },
    ]);
    expect(missingCriteria(dev.criteria, [])).toHaveLength(2);
  });
  it("refuses to pass unfinished work downstream and names what is missing", () => {
    const d = decideFlowMove(move({ item: { ...move().item, criteria: [{ criterionId: "c1", done: true }] } }));
    expect(d).toMatchObject({ ok: false, code: "JKK_INCOMPLETE", missing: [{ id: "c2" }] });
    expect(!d.ok && d.message).toContain("Code reviewed");
  });
  it("lets finished work move forward", () => {
    expect(decideFlowMove(move())).toEqual({ ok: true, direction: "forward", expedite: false, overLimitAfter: false });
  });
});

describe("rejection upstream", () => {
  it("needs a defect reason and ignores JKK of the rejecting stage", () => {
    const back = move({ to: req, item: { ...move().item, criteria: [] } });
    expect(decideFlowMove(back)).toMatchObject({ ok: false, code: "REJECT_REASON_REQUIRED" });
    expect(decideFlowMove({ ...back, rejectReason: "acceptance criteria unclear" })).toMatchObject({ ok: true, direction: "backward" });
  });
});

describe("rejection intent", () => {
  it("a rejection must go upstream", () => {
    expect(decideFlowMove(move({ intent: "reject", rejectReason: "no tests" }))).toMatchObject({ ok: false, code: "NOT_UPSTREAM" });
    expect(decideFlowMove(move({ intent: "reject", rejectReason: "no tests", to: req }))).toMatchObject({ ok: true, direction: "backward" });
  });
});

describe("WIP limits and expedite", () => {
  const full = { ...deploy, itemCount: 2 };
  it("refuses a move into a full stage with the count and limit", () => {
    expect(decideFlowMove(move({ to: full }))).toMatchObject({ ok: false, code: "WIP_LIMIT", limit: 2, count: 2 });
  });
  it("allows it as an expedite with a reason, flagged as over the limit", () => {
    expect(decideFlowMove(move({ to: full, expedite: { reason: "production outage" } }))).toEqual({
      ok: true,
      direction: "forward",
      expedite: true,
      overLimitAfter: true,
    });
  });
  it("a blank expedite reason is no expedite", () => {
    expect(decideFlowMove(move({ to: full, expedite: { reason: "  " } }))).toMatchObject({ code: "WIP_LIMIT" });
  });
});

describe("andon", () => {
  it("a stage with the andon pulled accepts nothing from upstream", () => {
    expect(decideFlowMove(move({ to: { ...deploy, andonOpen: true } }))).toMatchObject({ code: "LINE_STOPPED" });
  });
  it("an item with its own andon stays put", () => {
    expect(decideFlowMove(move({ item: { ...move().item, andonOpen: true } }))).toMatchObject({ code: "LINE_STOPPED" });
  });
  it("once released, the flow resumes", () => {
    expect(decideFlowMove(move({ to: { ...deploy, andonOpen: false } }))).toMatchObject({ ok: true });
  });
});

describe("basics", () => {
  it("stale version, missing, retired and same stage are refused", () => {
    expect(decideFlowMove(move({ expectedVersion: 0 }))).toMatchObject({ code: "VERSION_CONFLICT" });
    expect(decideFlowMove(move({ to: null }))).toMatchObject({ code: "STAGE_NOT_FOUND" });
    expect(decideFlowMove(move({ to: { ...deploy, retired: true } }))).toMatchObject({ code: "STAGE_RETIRED" });
    expect(decideFlowMove(move({ to: dev }))).toMatchObject({ code: "SAME_STAGE" });
  });
});

describe("one stage at a time downstream", () => {
  const ops = stage({ id: "ops", name: "Operations", position: 7 });
  const stages = [
    { id: "req", name: "Requirements", position: 4, retired: false },
    { id: "dev", name: "Development", position: 5, retired: false },
    { id: "old", name: "Old QA", position: 6, retired: true },
    { id: "deploy", name: "Deployment", position: 7, retired: false },
    { id: "ops", name: "Operations", position: 8, retired: false },
  ];

  it("refuses a move that passes a stage by, naming it, before any other rule", () => {
    // Even with JKK unmet and the target's andon pulled, the skip is what the mover must hear.
    const d = decideFlowMove(move({ to: { ...ops, andonOpen: true }, between: [{ name: "Deployment" }], item: { ...move().item, criteria: [] } }));
    expect(d).toMatchObject({ ok: false, code: "SKIP_REFUSED", skipped: ["Deployment"] });
    expect(!d.ok && d.message).toBe("Development → Operations would skip Deployment: a card moves downstream one stage at a time (next: Deployment).");
  });

  it("lets the next stage in use through, and a send-back over several stages", () => {
    expect(decideFlowMove(move({ between: [] }))).toMatchObject({ ok: true, direction: "forward" });
    const back = move({ from: { ...ops, criteria: [] }, to: req, between: [{ name: "Development" }, { name: "Deployment" }], rejectReason: "wrong data" });
    expect(decideFlowMove(back)).toMatchObject({ ok: true, direction: "backward" });
  });

  it("counts only stages in use between the two, in flow order", () => {
    expect(stagesBetween(stages, 5, 8).map((s) => s.id)).toEqual(["deploy"]);
    expect(stagesBetween(stages, 8, 4).map((s) => s.id)).toEqual(["dev", "deploy"]);
    // A retired stage in between is not a stage to pass: Development → Deployment is adjacent.
    expect(stagesBetween(stages, 5, 7)).toEqual([]);
  });

  it("offers the next stage and every stage upstream; further downstream is disabled with the reason", () => {
    const options = moveOptions(stages, "dev").map((o) => [o.stage.id, o.direction, o.allowed, o.reason]);
    expect(options).toEqual([
      ["req", "backward", true, null],
      ["deploy", "forward", true, null],
      ["ops", "forward", false, "skips Deployment"],
    ]);
    expect(moveOptions(stages, "missing")).toEqual([]);
  });
});
