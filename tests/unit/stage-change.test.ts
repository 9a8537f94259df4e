import { describe, expect, it } from "vitest";
import { planStageChange, type StageChangeContext, type StageChangeStage } from "@/domain/stage-change";

const stage = (over: Partial<StageChangeStage> & { id: string; position: number }): StageChangeStage => ({
  key: over.id,
  name: over.id.toUpperCase(),
  retired: false,
  wipLimit: null,
  itemCount: 0,
  andonOpen: false,
  criteria: [],
  ...over,
});

const build = stage({ id: "build", position: 2, criteria: [{ id: "c1", text: "Reviewed" }] });
const check = stage({ id: "check", position: 3, wipLimit: 1, criteria: [{ id: "c2", text: "Accepted" }] });
const T0 = new Date("2026-12-01T10:00:00.000Z");
const NOW = new Date("2026-12-01T12:30:00.000Z");

const context = (over: Partial<StageChangeContext> = {}): StageChangeContext => ({
  item: {
    id: "i1",
    serviceId: "s1",
    stageId: "build",
    kind: "FEATURE",
    title: "Mobile checkout",
    description: "",
    rank: "a0",
    labels: ["mobile"],
    blockedReason: null,
    businessValue: 8,
    costEstimate: null,
    version: 4,
    enteredStageAt: T0,
    createdAt: new Date("2026-11-30T09:00:00.000Z"),
    rejectionCount: 1,
    releaseId: null,
    // c1 met in Build; c2 met earlier in Check (kept when the item was sent back)
    ticked: [
      { criterionId: "c1", stageId: "build" },
      { criterionId: "c2", stageId: "check" },
    ],
    andon: null,
  },
  from: build,
  to: check,
  between: [],
  now: NOW,
  ...over,
});

describe("planStageChange: a move downstream", () => {
  it("writes the row under the version seen, appends item.moved and answers the card", () => {
    const plan = planStageChange(context(), { intent: "move", toStageId: "check", expectedVersion: 4, expedite: null });
    expect(plan).toEqual({
      ok: true,
      direction: "forward",
      changes: {
        item: {
          id: "i1",
          expectedVersion: 4,
          stageId: "check",
          version: 5,
          enteredStageAt: NOW,
          updatedAt: NOW,
          expedite: false,
          expediteReason: null,
          rejectionCount: 1,
        },
        resetCriterionIds: [],
      },
      event: {
        type: "item.moved",
        payload: {
          itemId: "i1",
          fromStageId: "build",
          toStageId: "check",
          version: 5,
          enteredStageAt: NOW.toISOString(),
          msInFromStage: 2.5 * 3600_000,
          doneCriterionIds: ["c2"],
          expedite: null,
        },
      },
      card: {
        id: "i1",
        serviceId: "s1",
        stageId: "check",
        title: "Mobile checkout",
        description: "",
        rank: "a0",
        blockedReason: null,
        businessValue: 8,
        costEstimate: null,
        version: 5,
        kind: "FEATURE",
        labels: ["mobile"],
        enteredStageAt: NOW.toISOString(),
        createdAt: "2026-11-30T09:00:00.000Z",
        expedite: null,
        rejectionCount: 1,
        sentBack: null,
        doneCriterionIds: ["c2"],
        andon: null,
      },
    });
  });

  it("records an expedite only when the move needed it (past the WIP limit)", () => {
    const cmd = { intent: "move" as const, toStageId: "check", expectedVersion: 4, expedite: { reason: "Outage" } };
    const within = planStageChange(context(), cmd);
    expect(within.ok && [within.changes.item.expedite, within.changes.item.expediteReason, within.card.expedite]).toEqual([false, null, null]);
    expect(within.ok && within.event.type === "item.moved" && within.event.payload.expedite).toBeNull();

    const full = planStageChange(context({ to: { ...check, itemCount: 1 } }), cmd);
    expect(full.ok && [full.changes.item.expedite, full.changes.item.expediteReason, full.card.expedite]).toEqual([true, "Outage", { reason: "Outage" }]);
    expect(full.ok && full.event.type === "item.moved" && full.event.payload.expedite).toEqual({ reason: "Outage" });
    // Without a reason the full stage refuses, with the count and the limit.
    expect(planStageChange(context({ to: { ...check, itemCount: 1 } }), { ...cmd, expedite: null })).toMatchObject({
      ok: false,
      code: "WIP_LIMIT",
      count: 1,
      limit: 1,
    });
  });

  it("passes every refusal of the rules of flow through unchanged, and plans nothing", () => {
    const move = { intent: "move" as const, toStageId: "check", expectedVersion: 4, expedite: null };
    expect(planStageChange(context(), { ...move, expectedVersion: 3 })).toMatchObject({ ok: false, code: "VERSION_CONFLICT" });
    expect(planStageChange(context({ to: null }), move)).toMatchObject({ ok: false, code: "STAGE_NOT_FOUND" });
    const unticked = context();
    unticked.item.ticked = [];
    expect(planStageChange(unticked, move)).toMatchObject({ ok: false, code: "JKK_INCOMPLETE", missing: [{ id: "c1" }] });
    expect(planStageChange(context({ to: { ...check, andonOpen: true } }), move)).toMatchObject({ ok: false, code: "LINE_STOPPED" });
    expect(planStageChange(context({ between: [{ name: "Review" }] }), move)).toMatchObject({ ok: false, code: "SKIP_REFUSED", skipped: ["Review"] });
    const stopped = context();
    stopped.item.andon = { id: "a1", reason: "Broken build", pulledAt: T0 };
    expect(planStageChange(stopped, move)).toMatchObject({ ok: false, code: "LINE_STOPPED" });
  });
});

describe("planStageChange: a rejection upstream", () => {
  it("counts the rejection, unticks the upstream stage's criteria and says where the card came from", () => {
    const fromCheck = context({ from: check, to: build });
    fromCheck.item.stageId = "check";
    const plan = planStageChange(fromCheck, { intent: "reject", toStageId: "build", expectedVersion: 4, reason: "Fails on iOS" });
    expect(plan).toMatchObject({
      ok: true,
      direction: "backward",
      changes: { item: { stageId: "build", version: 5, rejectionCount: 2, expedite: false }, resetCriterionIds: ["c1"] },
      event: {
        type: "item.rejected",
        payload: { fromStageId: "check", toStageId: "build", reason: "Fails on iOS", rejectionCount: 2, resetCriterionIds: ["c1"], doneCriterionIds: [] },
      },
      card: { stageId: "build", rejectionCount: 2, doneCriterionIds: [], sentBack: { reason: "Fails on iOS", fromStageId: "check" } },
    });
    // A rejection downstream is no rejection.
    expect(planStageChange(context(), { intent: "reject", toStageId: "check", expectedVersion: 4, reason: "x" })).toMatchObject({
      ok: false,
      code: "NOT_UPSTREAM",
    });
  });

  it("keeps the card's open andon and its fields as they were", () => {
    const fromCheck = context({ from: check, to: build });
    fromCheck.item.stageId = "check";
    fromCheck.item.andon = { id: "a1", reason: "Broken build", pulledAt: T0 };
    const plan = planStageChange(fromCheck, { intent: "reject", toStageId: "build", expectedVersion: 4, reason: "Fails on iOS" });
    expect(plan.ok && plan.card.andon).toEqual({ id: "a1", reason: "Broken build", pulledAt: T0.toISOString() });
    expect(plan.ok && plan.card.labels).toEqual(["mobile"]);
  });
});
