// Stage configuration (service.configure) through the services on a real database.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import type { AppError } from "@/lib/errors";
import { db } from "@/server/db";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { addStage } from "@/server/services/stages/add-stage";
import { reorderStages } from "@/server/services/stages/reorder-stages";
import { updateStage } from "@/server/services/stages/update-stage";
import { createService } from "@/server/services/services/create-service";
import { getWallSnapshot } from "@/server/services/walls/get-wall-snapshot";
import { makeTeam, makeUser, uid } from "../support/factories";

let master: Actor;
let dev: Actor;
let stranger: Actor;
let teamId: string;

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  dev = (await makeUser({ teamId, roles: ["DEVELOPER"] })).actor;
  stranger = (await makeUser({ teamId: (await makeTeam()).id, roles: ["SERVICE_MASTER"] })).actor;
});

async function newService() {
  const s = await createService(master, {
    teamId,
    key: `cfg-${uid()}`,
    name: "Web conversion",
    stages: [
      { key: "req", name: "Requirements", doneCriteria: ["User story written"] },
      { key: "dev", name: "Development", wipLimit: 3 },
      { key: "ops", name: "Operations" },
    ],
  });
  return { id: s.id, req: s.stageIds[0]!, dev: s.stageIds[1]!, ops: s.stageIds[2]! };
}

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const order = async (serviceId: string) =>
  (await db.stage.findMany({ where: { serviceId }, orderBy: { position: "asc" }, select: { key: true, position: true } })).map(
    (s) => `${s.position}:${s.key}`,
  );

describe("addStage", () => {
  it("inserts a stage after another with its limits and criteria; the others shift right", async () => {
    const s = await newService();
    const stage = await addStage(master, s.id, {
      name: "Test & acceptance",
      afterStageId: s.dev,
      wipLimit: 2,
      ageThresholdHours: 48,
      doneCriteria: ["Acceptance tests passed"],
    });
    expect(stage).toMatchObject({ key: "test-acceptance", name: "Test & acceptance", position: 2, wipLimit: 2, ageThresholdHours: 48, version: 1 });
    expect(stage.doneCriteria.map((c) => c.text)).toEqual(["Acceptance tests passed"]);
    expect(await order(s.id)).toEqual(["0:req", "1:dev", "2:test-acceptance", "3:ops"]);
    const first = await addStage(master, s.id, { name: "Strategy" });
    expect(first.position).toBe(0);
    expect(await order(s.id)).toEqual(["0:strategy", "1:req", "2:dev", "3:test-acceptance", "4:ops"]);
    const types = (await db.event.findMany({ where: { serviceId: s.id }, orderBy: { seq: "asc" } })).map((e) => e.type);
    expect(types.slice(-4)).toEqual(["stage.added", "stages.reordered", "stage.added", "stages.reordered"]);
  });

  it("refuses a developer (403), a stranger (404) and a taken key (409), writing nothing", async () => {
    const s = await newService();
    const before = await db.event.count({ where: { serviceId: s.id } });
    expect(await refusal(addStage(dev, s.id, { name: "Mine" }))).toMatchObject({ status: 403 });
    expect(await refusal(addStage(stranger, s.id, { name: "Theirs" }))).toMatchObject({ status: 404 });
    expect(await refusal(addStage(master, s.id, { name: "Again", key: "dev" }))).toMatchObject({ status: 409 });
    expect(await db.stage.count({ where: { serviceId: s.id } })).toBe(3);
    expect(await db.event.count({ where: { serviceId: s.id } })).toBe(before);
  });
});

describe("updateStage", () => {
  it("renames and sets WIP limit and age threshold with the version seen; a stale version is 409", async () => {
    const s = await newService();
    const updated = await updateStage(master, s.dev, { expectedVersion: 1, name: "Build", wipLimit: 5, ageThresholdHours: 24 });
    expect(updated).toMatchObject({ name: "Build", wipLimit: 5, ageThresholdHours: 24, version: 2, key: "dev" });
    expect(await refusal(updateStage(master, s.dev, { expectedVersion: 1, wipLimit: null }))).toMatchObject({
      status: 409,
      details: { current: { version: 2, wipLimit: 5 } },
    });
    expect(await updateStage(master, s.dev, { expectedVersion: 2, wipLimit: null })).toMatchObject({ wipLimit: null, version: 3 });
    const ev = await db.event.findFirstOrThrow({ where: { serviceId: s.id, type: "stage.updated" }, orderBy: { seq: "desc" } });
    expect(ev.payload).toMatchObject({ stage: { id: s.dev, wipLimit: null, version: 3 } });
    expect(await refusal(updateStage(dev, s.dev, { expectedVersion: 3, name: "x" }))).toMatchObject({ status: 403 });
  });

  it("adds, renames and retires done-criteria; a retired criterion no longer holds items back", async () => {
    const s = await newService();
    const item = await createItem(dev, s.id, { title: "Checkout" });
    const criterion = (await db.doneCriterion.findFirstOrThrow({ where: { stageId: s.req } })).id;
    const withMore = await updateStage(master, s.req, {
      expectedVersion: 1,
      criteria: { add: ["Test story written"], rename: [{ id: criterion, text: "User story agreed" }] },
    });
    expect(withMore.doneCriteria.map((c) => c.text)).toEqual(["User story agreed", "Test story written"]);
    expect(await refusal(moveItem(dev, item.id, { toStageId: s.dev, expectedVersion: 1 }))).toMatchObject({
      details: { rule: "JKK_INCOMPLETE", missing: withMore.doneCriteria },
    });
    const fewer = await updateStage(master, s.req, { expectedVersion: 2, criteria: { retire: withMore.doneCriteria.map((c) => c.id) } });
    expect(fewer.doneCriteria).toEqual([]);
    expect(await moveItem(dev, item.id, { toStageId: s.dev, expectedVersion: 1 })).toMatchObject({ stageId: s.dev });
    const other = await newService();
    const foreign = (await db.doneCriterion.findFirstOrThrow({ where: { stageId: other.req } })).id;
    expect(await refusal(updateStage(master, s.req, { expectedVersion: 3, criteria: { retire: [foreign] } }))).toMatchObject({
      status: 422,
      details: { rule: "CRITERION_NOT_IN_STAGE" },
    });
  });

  it("retires only an empty stage; a retired stage accepts no item; it can be reopened", async () => {
    const s = await newService();
    const item = await createItem(dev, s.id, { title: "Lives in dev", stageId: s.dev });
    expect(await refusal(updateStage(master, s.dev, { expectedVersion: 1, retired: true }))).toMatchObject({
      status: 422,
      details: { rule: "STAGE_NOT_EMPTY", count: 1 },
    });
    const retired = await updateStage(master, s.ops, { expectedVersion: 1, retired: true });
    expect(retired.retired).toBe(true);
    expect(await refusal(moveItem(dev, item.id, { toStageId: s.ops, expectedVersion: 1 }))).toMatchObject({ details: { rule: "STAGE_RETIRED" } });
    const wall = await getWallSnapshot(dev, s.id);
    expect(wall.stages.at(-1)).toMatchObject({ id: s.ops, retired: true });
    expect((await updateStage(master, s.ops, { expectedVersion: 2, retired: false })).retired).toBe(false);
  });
});

describe("reorderStages", () => {
  it("puts the stages in the given order; moves follow the new order", async () => {
    const s = await newService();
    const stages = await reorderStages(master, s.id, { stageIds: [s.dev, s.req, s.ops] });
    expect(stages.map((x) => x.id)).toEqual([s.dev, s.req, s.ops]);
    expect(await order(s.id)).toEqual(["0:dev", "1:req", "2:ops"]);
    const ev = await db.event.findFirstOrThrow({ where: { serviceId: s.id, type: "stages.reordered" } });
    expect(ev.payload).toEqual({ stageIds: [s.dev, s.req, s.ops] });
    // Requirements is now downstream of Development: an item in it going to Development is sent back.
    const item = await createItem(dev, s.id, { title: "x", stageId: s.req });
    expect(await refusal(moveItem(dev, item.id, { toStageId: s.dev, expectedVersion: 1 }))).toMatchObject({
      details: { rule: "REJECT_REASON_REQUIRED" },
    });
  });

  it("refuses a list that misses, repeats or borrows a stage, writing nothing", async () => {
    const s = await newService();
    const other = await newService();
    const before = await order(s.id);
    for (const stageIds of [[s.dev, s.req], [s.dev, s.req, s.req], [s.dev, s.req, other.ops]]) {
      expect(await refusal(reorderStages(master, s.id, { stageIds }))).toMatchObject({ status: 422, details: { rule: "STAGE_SET_MISMATCH" } });
    }
    expect(await order(s.id)).toEqual(before);
    expect(await refusal(reorderStages(dev, s.id, { stageIds: [s.ops, s.dev, s.req] }))).toMatchObject({ status: 403 });
  });
});
