// The rules of flow through the services on a real database: JKK, rejection upstream, WIP limit
// with expedite, andon stopping the line, move guards; every refusal writes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { db } from "@/server/db";
import { pullAndon } from "@/server/services/andon/pull-andon";
import { releaseAndon } from "@/server/services/andon/release-andon";
import { commentOnItem } from "@/server/services/items/comment-on-item";
import { createItem } from "@/server/services/items/create-item";
import { getItemHistory } from "@/server/services/items/get-item-history";
import { MOVE_GUARDS, type MoveGuard } from "@/server/services/items/move-guards";
import { moveItem } from "@/server/services/items/move-item";
import { rejectItem } from "@/server/services/items/reject-item";
import { setItemBlocked } from "@/server/services/items/set-item-blocked";
import { setItemCriterion } from "@/server/services/items/set-item-criterion";
import { updateItem } from "@/server/services/items/update-item";
import { createService } from "@/server/services/services/create-service";
import { getWallSnapshot } from "@/server/services/walls/get-wall-snapshot";
import { makeTeam, makeUser, uid } from "../support/factories";

let master: Actor;
let dev: Actor;
let viewer: Actor;
let teamId: string;

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  dev = (await makeUser({ teamId, roles: ["DEVELOPER"] })).actor;
  viewer = (await makeUser({ teamId, roles: ["VIEWER"] })).actor;
});

type Flow = Awaited<ReturnType<typeof newFlow>>;

/** Requirements (2 criteria) → Development (WIP 2, 1 criterion) → Deployment (WIP 1) → Operations. */
async function newFlow() {
  const s = await createService(master, {
    teamId,
    key: `flow-${uid()}`,
    name: "Web conversion",
    stages: [
      { key: "req", name: "Requirements", doneCriteria: ["User story written", "Test story written"] },
      { key: "dev", name: "Development", wipLimit: 2, doneCriteria: ["Code reviewed"] },
      { key: "deploy", name: "Deployment", wipLimit: 1 },
      { key: "ops", name: "Operations" },
    ],
  });
  const stages = await db.stage.findMany({
    where: { serviceId: s.id },
    orderBy: { position: "asc" },
    select: { id: true, key: true, doneCriteria: { orderBy: { position: "asc" }, select: { id: true, text: true } } },
  });
  const by = Object.fromEntries(stages.map((x) => [x.key, x])) as Record<"req" | "dev" | "deploy" | "ops", (typeof stages)[number]>;
  return { id: s.id, ...by };
}

async function item(f: Flow, title = `Item ${uid()}`) {
  return createItem(dev, f.id, { title });
}

async function finish(itemId: string, stage: { doneCriteria: { id: string }[] }) {
  for (const c of stage.doneCriteria) await setItemCriterion(dev, itemId, c.id, { done: true });
}

/** An item in Development with Development done (so it may move on). */
async function inDev(f: Flow, title?: string, expedite?: string) {
  const it = await item(f, title);
  await finish(it.id, f.req);
  const moved = await moveItem(dev, it.id, { toStageId: f.dev.id, expectedVersion: 1, expedite: expedite ? { reason: expedite } : null });
  return moved;
}

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const state = async (serviceId: string, itemId: string) => ({
  seq: (await db.service.findUniqueOrThrow({ where: { id: serviceId } })).lastSeq,
  events: await db.event.count({ where: { serviceId } }),
  item: await db.workItem.findUniqueOrThrow({ where: { id: itemId }, select: { stageId: true, version: true, rejectionCount: true } }),
});

describe("JKK: an item leaves a stage only when its done-criteria are met", () => {
  it("refuses with 422 naming exactly the missing criteria, and writes nothing", async () => {
    const f = await newFlow();
    const it = await item(f);
    const before = await state(f.id, it.id);
    const e = await refusal(moveItem(dev, it.id, { toStageId: f.dev.id, expectedVersion: 1 }));
    expect(e).toBeInstanceOf(AppError);
    expect(e!.status).toBe(422);
    expect(e!.details).toEqual({ rule: "JKK_INCOMPLETE", missing: f.req.doneCriteria });
    expect(e!.message).toContain("User story written");
    expect(await state(f.id, it.id)).toEqual(before);

    await setItemCriterion(dev, it.id, f.req.doneCriteria[0]!.id, { done: true });
    const again = await refusal(moveItem(dev, it.id, { toStageId: f.dev.id, expectedVersion: 1 }));
    expect(again!.details).toEqual({ rule: "JKK_INCOMPLETE", missing: [f.req.doneCriteria[1]] });
  });

  it("lets finished work move on; the event carries the criteria met in the new stage", async () => {
    const f = await newFlow();
    const it = await item(f);
    await finish(it.id, f.req);
    const moved = await moveItem(dev, it.id, { toStageId: f.dev.id, expectedVersion: 1 });
    expect(moved).toMatchObject({ stageId: f.dev.id, version: 2, doneCriterionIds: [], expedite: null, sentBack: null });
    const ev = await db.event.findFirstOrThrow({ where: { serviceId: f.id, type: "item.moved" } });
    expect(ev.payload).toMatchObject({ itemId: it.id, fromStageId: f.req.id, toStageId: f.dev.id, version: 2, expedite: null });
  });

  it("an untick makes the item unfinished again; a criterion of another stage is refused", async () => {
    const f = await newFlow();
    const it = await item(f);
    await finish(it.id, f.req);
    const card = await setItemCriterion(dev, it.id, f.req.doneCriteria[1]!.id, { done: false });
    expect(card.doneCriterionIds).toEqual([f.req.doneCriteria[0]!.id]);
    expect((await refusal(moveItem(dev, it.id, { toStageId: f.dev.id, expectedVersion: 1 })))!.details).toMatchObject({
      rule: "JKK_INCOMPLETE",
      missing: [f.req.doneCriteria[1]],
    });
    const e = await refusal(setItemCriterion(dev, it.id, f.dev.doneCriteria[0]!.id, { done: true }));
    expect(e).toMatchObject({ status: 422, details: { rule: "CRITERION_NOT_IN_STAGE" } });
    const e2 = await refusal(setItemCriterion(viewer, it.id, f.req.doneCriteria[0]!.id, { done: false }));
    expect(e2).toMatchObject({ status: 403 });
  });
});

describe("rejection upstream", () => {
  it("sends the item back with a reason, counts it per stage and unticks the upstream criteria", async () => {
    const f = await newFlow();
    const it = await inDev(f);
    const card = await rejectItem(dev, it.id, { toStageId: f.req.id, expectedVersion: it.version, reason: "No acceptance criteria" });
    expect(card).toMatchObject({
      stageId: f.req.id,
      rejectionCount: 1,
      sentBack: { reason: "No acceptance criteria", fromStageId: f.dev.id },
      doneCriterionIds: [],
    });
    const ev = await db.event.findFirstOrThrow({ where: { serviceId: f.id, type: "item.rejected" } });
    expect(ev.payload).toMatchObject({
      itemId: it.id,
      fromStageId: f.dev.id,
      toStageId: f.req.id,
      reason: "No acceptance criteria",
      rejectionCount: 1,
      resetCriterionIds: f.req.doneCriteria.map((c) => c.id),
    });
    // The upstream stage does its work again before the item may come back.
    expect((await refusal(moveItem(dev, it.id, { toStageId: f.dev.id, expectedVersion: card.version })))!.details).toMatchObject({
      rule: "JKK_INCOMPLETE",
    });

    // Counted per stage from the events: Development sent one back, Requirements received one.
    const wall = await getWallSnapshot(viewer, f.id);
    const byKey = Object.fromEntries(wall.stages.map((s) => [s.key, s]));
    expect(byKey.dev!.rejections).toEqual({ sent: 1, received: 0 });
    expect(byKey.req!.rejections).toEqual({ sent: 0, received: 1 });
    expect(byKey.req!.problems).toContainEqual({ kind: "REJECTED", message: expect.stringContaining("No acceptance criteria"), itemIds: [it.id] });
    expect(wall.items.find((i) => i.id === it.id)).toMatchObject({ rejectionCount: 1, sentBack: { fromStageId: f.dev.id } });

    // Fixed and passed on again: no longer a problem of Requirements, still counted.
    await finish(it.id, f.req);
    const back = await moveItem(dev, it.id, { toStageId: f.dev.id, expectedVersion: card.version });
    expect(back.sentBack).toBeNull();
    const after = await getWallSnapshot(viewer, f.id);
    const req = after.stages.find((s) => s.key === "req")!;
    expect(req.problems.map((p) => p.kind)).not.toContain("REJECTED");
    expect(req.rejections.received).toBe(1);
  });

  it("a move upstream without a reason, and a rejection downstream, are refused and write nothing", async () => {
    const f = await newFlow();
    const it = await inDev(f);
    const before = await state(f.id, it.id);
    expect((await refusal(moveItem(dev, it.id, { toStageId: f.req.id, expectedVersion: it.version })))!.details).toEqual({
      rule: "REJECT_REASON_REQUIRED",
    });
    expect(
      (await refusal(rejectItem(dev, it.id, { toStageId: f.deploy.id, expectedVersion: it.version, reason: "wrong way" })))!.details,
    ).toEqual({ rule: "NOT_UPSTREAM" });
    expect(await refusal(rejectItem(dev, it.id, { toStageId: f.req.id, expectedVersion: it.version, reason: "  " }))).toMatchObject({
      code: "VALIDATION_FAILED",
    });
    expect(await state(f.id, it.id)).toEqual(before);
  });

  it("a stale version is refused with 409 and the current item", async () => {
    const f = await newFlow();
    const it = await inDev(f);
    const e = await refusal(rejectItem(dev, it.id, { toStageId: f.req.id, expectedVersion: 1, reason: "stale" }));
    expect(e).toMatchObject({ status: 409, details: { current: { id: it.id, version: it.version, stageId: f.dev.id } } });
  });
});

describe("WIP limit and expedite", () => {
  it("refuses a move past the limit, accepts it as an expedite, shows the expedite as a problem until the stage is back within its limit", async () => {
    const f = await newFlow();
    await inDev(f, "first");
    const second = await inDev(f, "second");
    const third = await item(f, "third");
    await finish(third.id, f.req);
    const before = await state(f.id, third.id);
    const e = await refusal(moveItem(dev, third.id, { toStageId: f.dev.id, expectedVersion: 1 }));
    expect(e).toMatchObject({ status: 422, details: { rule: "WIP_LIMIT", limit: 2, count: 2 } });
    expect(await state(f.id, third.id)).toEqual(before);

    const fast = await moveItem(dev, third.id, { toStageId: f.dev.id, expectedVersion: 1, expedite: { reason: "Outage fix" } });
    expect(fast.expedite).toEqual({ reason: "Outage fix" });
    const ev = await db.event.findFirstOrThrow({ where: { serviceId: f.id, type: "item.moved", payload: { not: { equals: null } } }, orderBy: { seq: "desc" } });
    expect(ev.payload).toMatchObject({ itemId: third.id, expedite: { reason: "Outage fix" } });

    let wall = await getWallSnapshot(viewer, f.id);
    let devStage = wall.stages.find((s) => s.key === "dev")!;
    expect(devStage.problems.map((p) => p.kind)).toEqual(["WIP_OVER_LIMIT", "EXPEDITE"]);
    expect(devStage.problems[1]).toEqual({ kind: "EXPEDITE", message: "Expedited: third — Outage fix", itemIds: [third.id] });
    expect(wall.problems).toContainEqual(expect.objectContaining({ kind: "EXPEDITE", stageId: f.dev.id, stageName: "Development" }));

    // One item leaves Development: back within the limit, the expedite is no longer a problem.
    await finish(second.id, f.dev);
    await moveItem(dev, second.id, { toStageId: f.deploy.id, expectedVersion: second.version });
    wall = await getWallSnapshot(viewer, f.id);
    devStage = wall.stages.find((s) => s.key === "dev")!;
    expect(devStage.problems).toEqual([]);
    expect(wall.items.find((i) => i.id === third.id)!.expedite).toEqual({ reason: "Outage fix" });
  });

  it("a move within the limit is not marked as an expedite even when a reason is sent", async () => {
    const f = await newFlow();
    const it = await inDev(f, "calm", "just in case");
    expect(it.expedite).toBeNull();
  });

  it("concurrent moves never take a stage past its limit", async () => {
    const f = await newFlow();
    const items = [];
    for (let i = 0; i < 5; i++) {
      const it = await item(f, `race ${i}`);
      await finish(it.id, f.req);
      items.push(it);
    }
    const results = await Promise.allSettled(items.map((it) => moveItem(dev, it.id, { toStageId: f.dev.id, expectedVersion: 1 })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ details: { rule: "WIP_LIMIT" } });
    expect(await db.workItem.count({ where: { stageId: f.dev.id } })).toBe(2);
  });
});

describe("andon stops the line", () => {
  it("a stage with an open andon accepts no item from upstream; once released, it does", async () => {
    const f = await newFlow();
    const it = await item(f);
    await finish(it.id, f.req);
    const andon = await pullAndon(dev, f.id, { stageId: f.dev.id, reason: "Build server down" });
    const before = await state(f.id, it.id);
    const e = await refusal(moveItem(dev, it.id, { toStageId: f.dev.id, expectedVersion: 1 }));
    expect(e).toMatchObject({ status: 422, details: { rule: "LINE_STOPPED" } });
    expect(e!.message).toContain("Development");
    expect(await state(f.id, it.id)).toEqual(before);

    await releaseAndon(dev, andon.id, { countermeasure: "Restarted the build agent, added a disk alert" });
    expect(await moveItem(dev, it.id, { toStageId: f.dev.id, expectedVersion: 1 })).toMatchObject({ stageId: f.dev.id });
  });

  it("an andon on an item stops that item and its stage", async () => {
    const f = await newFlow();
    const stuck = await inDev(f, "stuck");
    await finish(stuck.id, f.dev);
    const andon = await pullAndon(dev, f.id, { itemId: stuck.id, reason: "Failing test story" });
    expect(andon).toMatchObject({ stageId: f.dev.id, itemId: stuck.id });
    expect(await refusal(moveItem(dev, stuck.id, { toStageId: f.deploy.id, expectedVersion: stuck.version }))).toMatchObject({
      details: { rule: "LINE_STOPPED" },
    });
    const next = await item(f, "next");
    await finish(next.id, f.req);
    expect(await refusal(moveItem(dev, next.id, { toStageId: f.dev.id, expectedVersion: 1 }))).toMatchObject({
      details: { rule: "LINE_STOPPED" },
    });
    const wall = await getWallSnapshot(viewer, f.id);
    expect(wall.items.find((i) => i.id === stuck.id)!.andon).toMatchObject({ id: andon.id, reason: "Failing test story" });
    await releaseAndon(dev, andon.id, { countermeasure: "Fixed the flaky fixture" });
    expect(await moveItem(dev, stuck.id, { toStageId: f.deploy.id, expectedVersion: stuck.version })).toMatchObject({ stageId: f.deploy.id });
  });
});

describe("move guards", () => {
  it("run after the pure rule; a refusal answers 422 with its rule and writes nothing", async () => {
    const f = await newFlow();
    const it = await inDev(f);
    await finish(it.id, f.dev);
    const seen: string[] = [];
    const guard: MoveGuard = {
      appliesTo: () => true,
      check: async (tx, input) => {
        seen.push(`${input.direction}:${input.fromStage.key}->${input.toStage.key}`);
        const n = await tx.workItem.count({ where: { id: input.item.id } });
        return input.toStage.key === "deploy" && n === 1 ? { rule: "TEST_GUARD", message: "Not today.", details: { why: "test" } } : null;
      },
    };
    MOVE_GUARDS.push(guard);
    try {
      const before = await state(f.id, it.id);
      const e = await refusal(moveItem(dev, it.id, { toStageId: f.deploy.id, expectedVersion: it.version }));
      expect(e).toMatchObject({ status: 422, message: "Not today.", details: { rule: "TEST_GUARD", why: "test" } });
      expect(await state(f.id, it.id)).toEqual(before);
      // A move the pure rule refuses never reaches the guards.
      const other = await item(f);
      await refusal(moveItem(dev, other.id, { toStageId: f.dev.id, expectedVersion: 1 }));
      expect(seen).toEqual(["forward:dev->deploy"]);
      await rejectItem(dev, it.id, { toStageId: f.req.id, expectedVersion: it.version, reason: "guards see rejections too" });
      expect(seen).toEqual(["forward:dev->deploy", "backward:dev->req"]);
    } finally {
      MOVE_GUARDS.splice(MOVE_GUARDS.indexOf(guard), 1);
    }
  });
});

describe("card commands", () => {
  it("blocks and unblocks with the version seen; a stale version is 409", async () => {
    const f = await newFlow();
    const it = await item(f);
    const blocked = await setItemBlocked(dev, it.id, { expectedVersion: 1, reason: "Waiting for test data" });
    expect(blocked).toMatchObject({ blockedReason: "Waiting for test data", version: 2 });
    expect(await refusal(setItemBlocked(dev, it.id, { expectedVersion: 1, reason: null }))).toMatchObject({
      status: 409,
      details: { current: { version: 2 } },
    });
    const wall = await getWallSnapshot(viewer, f.id);
    expect(wall.stages.find((s) => s.key === "req")!.problems).toContainEqual(
      expect.objectContaining({ kind: "BLOCKED", itemIds: [it.id] }),
    );
    expect(await setItemBlocked(dev, it.id, { expectedVersion: 2, reason: null })).toMatchObject({ blockedReason: null, version: 3 });
    const types = (await db.event.findMany({ where: { serviceId: f.id }, orderBy: { seq: "asc" } })).map((e) => e.type);
    expect(types.slice(-2)).toEqual(["item.blocked", "item.unblocked"]);
  });

  it("updates fields with the version seen and records which changed", async () => {
    const f = await newFlow();
    const it = await item(f);
    const card = await updateItem(dev, it.id, { expectedVersion: 1, title: "Checkout in one page", labels: ["web"], businessValue: 80 });
    expect(card).toMatchObject({ title: "Checkout in one page", labels: ["web"], businessValue: 80, version: 2 });
    const ev = await db.event.findFirstOrThrow({ where: { serviceId: f.id, type: "item.updated" } });
    expect(ev.payload).toMatchObject({ fields: ["title", "labels", "businessValue"], item: { id: it.id, version: 2 } });
    expect(await refusal(updateItem(dev, it.id, { expectedVersion: 1, title: "Lost update" }))).toMatchObject({ status: 409 });
    expect(await refusal(updateItem(viewer, it.id, { expectedVersion: 2, title: "No" }))).toMatchObject({ status: 403 });
    expect((await db.workItem.findUniqueOrThrow({ where: { id: it.id } })).title).toBe("Checkout in one page");
  });

  it("history tells who moved, rejected, ticked, pulled the andon and commented, and when", async () => {
    const f = await newFlow();
    const other = await newFlow();
    const it = await inDev(f, "storied");
    await item(other); // another service's events are not this item's history
    const andon = await pullAndon(master, f.id, { itemId: it.id, reason: "Unclear requirement" });
    await releaseAndon(master, andon.id, { countermeasure: "Asked the customer" });
    await rejectItem(master, it.id, { toStageId: f.req.id, expectedVersion: it.version, reason: "Story incomplete" });
    await commentOnItem(dev, it.id, { body: "Will rewrite the story today." });

    const h = await getItemHistory(viewer, it.id);
    expect(h.entries.map((e) => e.type)).toEqual([
      "item.created",
      "item.criteria.checked",
      "item.criteria.checked",
      "item.moved",
      "andon.pulled",
      "andon.released",
      "item.rejected",
      "item.commented",
    ]);
    const devUser = dev.kind === "user" ? dev : null;
    const masterUser = master.kind === "user" ? master : null;
    expect(h.entries[3]!.actor).toEqual({ id: devUser!.userId, name: devUser!.name });
    expect(h.entries[6]).toMatchObject({ actor: { id: masterUser!.userId }, payload: { reason: "Story incomplete" } });
    expect(h.comments).toEqual([
      expect.objectContaining({ body: "Will rewrite the story today.", authorId: devUser!.userId }),
    ]);
    const stranger = (await makeUser({ teamId: (await makeTeam()).id, roles: ["SERVICE_MASTER"] })).actor;
    expect(await refusal(getItemHistory(stranger, it.id))).toMatchObject({ status: 404 });
  });
});
