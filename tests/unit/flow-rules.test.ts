import { describe, expect, it } from "vitest";
import { decideFlowMove, missingCriteria, type FlowMove, type FlowStage } from "@/domain/flow-rules";

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
