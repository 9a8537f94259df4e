// The flow API as a client sees it: real route handlers and session cookies, each refusal's
// HTTP status and body, every answer checked against the OpenAPI document.
import { beforeAll, describe, expect, it } from "vitest";
import * as flow from "@/lib/openapi/flow-operations";
import * as ops from "@/lib/openapi/operations";
import { db } from "@/server/db";
import { POST as moveRoute } from "@/app/api/v1/items/[itemId]/move/route";
import { POST as rejectRoute } from "@/app/api/v1/items/[itemId]/reject/route";
import { PUT as criterionRoute } from "@/app/api/v1/items/[itemId]/criteria/[criterionId]/route";
import { PUT as blockedRoute } from "@/app/api/v1/items/[itemId]/blocked/route";
import { PATCH as updateItemRoute } from "@/app/api/v1/items/[itemId]/route";
import { POST as commentRoute } from "@/app/api/v1/items/[itemId]/comments/route";
import { GET as historyRoute } from "@/app/api/v1/items/[itemId]/history/route";
import { GET as listAndonsRoute, POST as pullAndonRoute } from "@/app/api/v1/services/[serviceId]/andons/route";
import { POST as releaseAndonRoute } from "@/app/api/v1/andons/[andonId]/release/route";
import { POST as addStageRoute } from "@/app/api/v1/services/[serviceId]/stages/route";
import { PUT as reorderRoute } from "@/app/api/v1/services/[serviceId]/stages/order/route";
import { PATCH as updateStageRoute } from "@/app/api/v1/stages/[stageId]/route";
import { GET as wallRoute } from "@/app/api/v1/services/[serviceId]/wall/route";
import { POST as createServiceRoute } from "@/app/api/v1/services/route";
import { POST as createItemRoute } from "@/app/api/v1/services/[serviceId]/items/route";
import type { Role } from "@/domain/roles";
import { makeTeam, makeUser, uid } from "../support/factories";
import { call, expectContract, sessionCookie } from "../support/http";

let teamId: string;
let master: string;
let developer: string;
let viewer: string;
let stranger: string;

async function person(team: string, roles: Role[]) {
  const { user } = await makeUser({ teamId: team, roles });
  return sessionCookie(user.id);
}

type Svc = { id: string; stageIds: string[]; criteria: { id: string; text: string }[] };

async function newService(): Promise<Svc> {
  const res = await call(createServiceRoute, "POST", ops.createService.path, {
    cookie: master,
    body: {
      teamId,
      key: `fh-${uid()}`,
      name: "Web conversion",
      stages: [
        { key: "req", name: "Requirements", doneCriteria: ["User story written", "Test story written"] },
        { key: "dev", name: "Development", wipLimit: 1 },
        { key: "ops", name: "Operations" },
      ],
    },
  });
  expect(res.status).toBe(201);
  const criteria = await db.doneCriterion.findMany({
    where: { stageId: res.body.stageIds[0] },
    orderBy: { position: "asc" },
    select: { id: true, text: true },
  });
  return { id: res.body.id, stageIds: res.body.stageIds, criteria };
}

async function newItem(s: Svc, title = `Card ${uid()}`) {
  const res = await call(createItemRoute, "POST", ops.createItem.path, { cookie: developer, params: { serviceId: s.id }, body: { title } });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

async function tickAll(s: Svc, itemId: string) {
  for (const c of s.criteria) {
    const res = await call(criterionRoute, "PUT", flow.setItemCriterion.path, {
      cookie: developer,
      params: { itemId, criterionId: c.id },
      body: { done: true },
    });
    expect(res.status).toBe(200);
    expectContract(flow.setItemCriterion, 200, res.body);
  }
}

const move = (itemId: string, body: unknown, cookie = developer) =>
  call(moveRoute, "POST", ops.moveItem.path, { cookie, params: { itemId }, body });

const counts = async () => ({ events: await db.event.count(), andons: await db.andon.count(), problems: await db.problem.count() });

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = await person(teamId, ["SERVICE_MASTER"]);
  developer = await person(teamId, ["DEVELOPER"]);
  viewer = await person(teamId, ["VIEWER"]);
  stranger = await person((await makeTeam()).id, ["SERVICE_MASTER"]);
});

describe("moves and their refusals", () => {
  it("422 JKK_INCOMPLETE with the missing criteria; 200 once done", async () => {
    const s = await newService();
    const it = await newItem(s);
    const before = await counts();
    const refused = await move(it.id, { toStageId: s.stageIds[1], expectedVersion: 1 });
    expect(refused.status).toBe(422);
    expectContract(ops.moveItem, 422, refused.body);
    expect(refused.body.error).toMatchObject({ code: "RULE_VIOLATION", details: { rule: "JKK_INCOMPLETE", missing: s.criteria } });
    expect(await counts()).toEqual(before);
    await tickAll(s, it.id);
    const moved = await move(it.id, { toStageId: s.stageIds[1], expectedVersion: 1 });
    expect(moved.status).toBe(200);
    expectContract(ops.moveItem, 200, moved.body);
    expect(moved.body).toMatchObject({ stageId: s.stageIds[1], version: 2, expedite: null, andon: null, sentBack: null });
  });

  it("422 WIP_LIMIT, 200 as an expedite; 409 for a stale version; 403 for a viewer", async () => {
    const s = await newService();
    const a = await newItem(s);
    const b = await newItem(s);
    await tickAll(s, a.id);
    await tickAll(s, b.id);
    expect((await move(a.id, { toStageId: s.stageIds[1], expectedVersion: 1 })).status).toBe(200);
    const full = await move(b.id, { toStageId: s.stageIds[1], expectedVersion: 1 });
    expect(full.status).toBe(422);
    expect(full.body.error.details).toEqual({ rule: "WIP_LIMIT", limit: 1, count: 1 });
    const viewerMove = await move(b.id, { toStageId: s.stageIds[1], expectedVersion: 1, expedite: { reason: "x" } }, viewer);
    expect(viewerMove.status).toBe(403);
    const fast = await move(b.id, { toStageId: s.stageIds[1], expectedVersion: 1, expedite: { reason: "Customer outage" } });
    expect(fast.status).toBe(200);
    expect(fast.body.expedite).toEqual({ reason: "Customer outage" });
    const stale = await move(b.id, { toStageId: s.stageIds[2], expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expectContract(ops.moveItem, 409, stale.body);
    expect(stale.body.error.details.current).toMatchObject({ id: b.id, version: 2 });
  });

  it("422 LINE_STOPPED while the andon is pulled; 201 pull, 200 release, then the move goes through", async () => {
    const s = await newService();
    const it = await newItem(s);
    await tickAll(s, it.id);
    const pulled = await call(pullAndonRoute, "POST", flow.pullAndon.path, {
      cookie: developer,
      params: { serviceId: s.id },
      body: { stageId: s.stageIds[1], reason: "Build server down" },
    });
    expect(pulled.status).toBe(201);
    expectContract(flow.pullAndon, 201, pulled.body);
    const again = await call(pullAndonRoute, "POST", flow.pullAndon.path, {
      cookie: developer,
      params: { serviceId: s.id },
      body: { stageId: s.stageIds[1], reason: "Twice" },
    });
    expect(again.status).toBe(422);
    expectContract(flow.pullAndon, 422, again.body);
    const list = await call(listAndonsRoute, "GET", flow.listOpenAndons.path, { cookie: viewer, params: { serviceId: s.id } });
    expect(list.status).toBe(200);
    expectContract(flow.listOpenAndons, 200, list.body);
    expect(list.body.andons.map((a: { id: string }) => a.id)).toEqual([pulled.body.id]);

    const stopped = await move(it.id, { toStageId: s.stageIds[1], expectedVersion: 1 });
    expect(stopped.status).toBe(422);
    expect(stopped.body.error.details.rule).toBe("LINE_STOPPED");

    const noReason = await call(releaseAndonRoute, "POST", flow.releaseAndon.path, { cookie: developer, params: { andonId: pulled.body.id }, body: {} });
    expect(noReason.status).toBe(400);
    const released = await call(releaseAndonRoute, "POST", flow.releaseAndon.path, {
      cookie: developer,
      params: { andonId: pulled.body.id },
      body: { countermeasure: "Moved builds to a second agent" },
    });
    expect(released.status).toBe(200);
    expectContract(flow.releaseAndon, 200, released.body);
    const twice = await call(releaseAndonRoute, "POST", flow.releaseAndon.path, {
      cookie: developer,
      params: { andonId: pulled.body.id },
      body: { countermeasure: "Again" },
    });
    expect(twice.status).toBe(409);
    expect((await move(it.id, { toStageId: s.stageIds[1], expectedVersion: 1 })).status).toBe(200);
  });

  it("reject: 200 with the card sent back, 422 without a way upstream; 404 for a stranger", async () => {
    const s = await newService();
    const it = await newItem(s);
    await tickAll(s, it.id);
    expect((await move(it.id, { toStageId: s.stageIds[1], expectedVersion: 1 })).status).toBe(200);
    const down = await call(rejectRoute, "POST", flow.rejectItem.path, {
      cookie: developer,
      params: { itemId: it.id },
      body: { toStageId: s.stageIds[2], expectedVersion: 2, reason: "wrong way" },
    });
    expect(down.status).toBe(422);
    expect(down.body.error.details.rule).toBe("NOT_UPSTREAM");
    const hidden = await call(rejectRoute, "POST", flow.rejectItem.path, {
      cookie: stranger,
      params: { itemId: it.id },
      body: { toStageId: s.stageIds[0], expectedVersion: 2, reason: "not mine" },
    });
    expect(hidden.status).toBe(404);
    const back = await call(rejectRoute, "POST", flow.rejectItem.path, {
      cookie: developer,
      params: { itemId: it.id },
      body: { toStageId: s.stageIds[0], expectedVersion: 2, reason: "Test story missing" },
    });
    expect(back.status).toBe(200);
    expectContract(flow.rejectItem, 200, back.body);
    expect(back.body).toMatchObject({ rejectionCount: 1, sentBack: { reason: "Test story missing" }, doneCriterionIds: [] });

    const wall = await call(wallRoute, "GET", ops.getWall.path, { cookie: viewer, params: { serviceId: s.id } });
    expect(wall.status).toBe(200);
    expectContract(ops.getWall, 200, wall.body);
    expect(wall.body.stages[1].rejections).toEqual({ sent: 1, received: 0 });
  });
});

describe("card routes", () => {
  it("blocked, update, comment and history answer what the contract says", async () => {
    const s = await newService();
    const it = await newItem(s);
    const blocked = await call(blockedRoute, "PUT", flow.setItemBlocked.path, {
      cookie: developer,
      params: { itemId: it.id },
      body: { expectedVersion: 1, reason: "Waiting for the customer" },
    });
    expect(blocked.status).toBe(200);
    expectContract(flow.setItemBlocked, 200, blocked.body);
    const stale = await call(updateItemRoute, "PATCH", flow.updateItem.path, {
      cookie: developer,
      params: { itemId: it.id },
      body: { expectedVersion: 1, title: "Lost" },
    });
    expect(stale.status).toBe(409);
    expectContract(flow.updateItem, 409, stale.body);
    const updated = await call(updateItemRoute, "PATCH", flow.updateItem.path, {
      cookie: developer,
      params: { itemId: it.id },
      body: { expectedVersion: 2, title: "Checkout in one page", kind: "DEFECT" },
    });
    expect(updated.status).toBe(200);
    expectContract(flow.updateItem, 200, updated.body);
    const comment = await call(commentRoute, "POST", flow.commentOnItem.path, {
      cookie: developer,
      params: { itemId: it.id },
      body: { body: "Customer answers on Monday." },
    });
    expect(comment.status).toBe(201);
    expectContract(flow.commentOnItem, 201, comment.body);
    const viewerComment = await call(commentRoute, "POST", flow.commentOnItem.path, { cookie: viewer, params: { itemId: it.id }, body: { body: "hi" } });
    expect(viewerComment.status).toBe(403);
    const history = await call(historyRoute, "GET", flow.getItemHistory.path, { cookie: viewer, params: { itemId: it.id } });
    expect(history.status).toBe(200);
    expectContract(flow.getItemHistory, 200, history.body);
    expect(history.body.entries.map((e: { type: string }) => e.type)).toEqual(["item.created", "item.blocked", "item.updated", "item.commented"]);
    const wrongCriterion = await call(criterionRoute, "PUT", flow.setItemCriterion.path, {
      cookie: developer,
      params: { itemId: it.id, criterionId: "nope" },
      body: { done: true },
    });
    expect(wrongCriterion.status).toBe(422);
    expectContract(flow.setItemCriterion, 422, wrongCriterion.body);
  });
});

describe("stage configuration routes", () => {
  it("add (201), update (200, 409 stale, 422 not empty), reorder (200, 422), developer 403", async () => {
    const s = await newService();
    const added = await call(addStageRoute, "POST", flow.addStage.path, {
      cookie: master,
      params: { serviceId: s.id },
      body: { name: "Acceptance", afterStageId: s.stageIds[1], wipLimit: 2, doneCriteria: ["Accepted by the customer"] },
    });
    expect(added.status).toBe(201);
    expectContract(flow.addStage, 201, added.body);
    const denied = await call(addStageRoute, "POST", flow.addStage.path, { cookie: developer, params: { serviceId: s.id }, body: { name: "Mine" } });
    expect(denied.status).toBe(403);

    const updated = await call(updateStageRoute, "PATCH", flow.updateStage.path, {
      cookie: master,
      params: { stageId: added.body.id },
      body: { expectedVersion: 1, name: "Customer acceptance", criteria: { add: ["Signed off"] } },
    });
    expect(updated.status).toBe(200);
    expectContract(flow.updateStage, 200, updated.body);
    expect(updated.body.doneCriteria.map((c: { text: string }) => c.text)).toEqual(["Accepted by the customer", "Signed off"]);
    const stale = await call(updateStageRoute, "PATCH", flow.updateStage.path, {
      cookie: master,
      params: { stageId: added.body.id },
      body: { expectedVersion: 1, wipLimit: 9 },
    });
    expect(stale.status).toBe(409);
    await newItem(s);
    const notEmpty = await call(updateStageRoute, "PATCH", flow.updateStage.path, {
      cookie: master,
      params: { stageId: s.stageIds[0]! },
      body: { expectedVersion: 1, retired: true },
    });
    expect(notEmpty.status).toBe(422);
    expectContract(flow.updateStage, 422, notEmpty.body);

    const order = [s.stageIds[0], added.body.id, s.stageIds[1], s.stageIds[2]];
    const reordered = await call(reorderRoute, "PUT", flow.reorderStages.path, { cookie: master, params: { serviceId: s.id }, body: { stageIds: order } });
    expect(reordered.status).toBe(200);
    expectContract(flow.reorderStages, 200, reordered.body);
    expect(reordered.body.stages.map((x: { id: string }) => x.id)).toEqual(order);
    const bad = await call(reorderRoute, "PUT", flow.reorderStages.path, { cookie: master, params: { serviceId: s.id }, body: { stageIds: order.slice(1) } });
    expect(bad.status).toBe(422);
  });

  it("every flow route answers 401 without a session", async () => {
    const routes: [unknown, ops.Operation][] = [
      [rejectRoute, flow.rejectItem],
      [criterionRoute, flow.setItemCriterion],
      [blockedRoute, flow.setItemBlocked],
      [updateItemRoute, flow.updateItem],
      [commentRoute, flow.commentOnItem],
      [historyRoute, flow.getItemHistory],
      [pullAndonRoute, flow.pullAndon],
      [listAndonsRoute, flow.listOpenAndons],
      [releaseAndonRoute, flow.releaseAndon],
      [addStageRoute, flow.addStage],
      [reorderRoute, flow.reorderStages],
      [updateStageRoute, flow.updateStage],
    ];
    for (const [handler, op] of routes) {
      const params = { itemId: "x", criterionId: "x", serviceId: "x", andonId: "x", stageId: "x" };
      const res = await call(handler, op.method, op.path, { params, body: {} });
      expect(res.status, `${op.method} ${op.path}`).toBe(401);
    }
  });
});
