// The synchronous SQLite path of moveItem (change-stage-sqlite.ts): on SQLite it commits every
// accepted move, exactly as the canonical Prisma path would have; it never refuses anything
// itself (it answers null and writes nothing); it waits for an open Prisma transaction. On
// PostgreSQL it is never taken: the same tests then hold for the canonical path.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import { db } from "@/server/db";
import { databaseProvider } from "@/server/env";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { rejectItem } from "@/server/services/items/reject-item";
import { setItemCriterion } from "@/server/services/items/set-item-criterion";
import { tryMoveItemOnSqlite, tryRejectItemOnSqlite } from "@/server/services/items/change-stage-sqlite";
import { loadWallItem } from "@/server/services/items/wall-item";
import { createService } from "@/server/services/services/create-service";
import { updateStage } from "@/server/services/stages/update-stage";
import { makeTeam, makeUser, uid } from "../support/factories";

let master: Actor;
let dev: Actor;
let stranger: Actor;
let teamId: string;

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  dev = (await makeUser({ teamId, roles: ["DEVELOPER"] })).actor;
  stranger = (await makeUser({ teamId: (await makeTeam()).id, roles: ["DEVELOPER"] })).actor;
});

async function flow() {
  const s = await createService(master, {
    teamId,
    key: `fast-${uid()}`,
    name: "Fast path",
    stages: [
      { key: "a", name: "A" },
      { key: "b", name: "B", wipLimit: 1, doneCriteria: ["Reviewed"] },
      { key: "c", name: "C" },
    ],
  });
  const stages = await db.stage.findMany({ where: { serviceId: s.id }, orderBy: { position: "asc" }, select: { id: true } });
  return { id: s.id, a: stages[0]!.id, b: stages[1]!.id, c: stages[2]!.id };
}

/** The fast path where it applies, else the canonical one; says which one moved. */
async function move(actor: Actor, itemId: string, input: Parameters<typeof moveItem>[2]) {
  const fast = await tryMoveItemOnSqlite(actor, itemId, input);
  return { moved: fast ?? (await moveItem(actor, itemId, input)), fast: fast !== null };
}

const snapshotOf = async (serviceId: string) => ({
  seq: (await db.service.findUniqueOrThrow({ where: { id: serviceId } })).lastSeq,
  events: await db.event.count({ where: { serviceId } }),
  items: await db.workItem.findMany({ where: { serviceId }, orderBy: { id: "asc" }, select: { id: true, stageId: true, version: true } }),
});

describe(`the synchronous move path on ${databaseProvider}`, () => {
  it("commits an accepted move: the row, the event and the answer read back through Prisma alike", async () => {
    const f = await flow();
    const item = await createItem(dev, f.id, { title: "Fast" });
    const before = await snapshotOf(f.id);
    const { moved, fast } = await move(dev, item.id, { toStageId: f.b, expectedVersion: 1 });
    expect(fast).toBe(databaseProvider === "sqlite");
    expect(moved).toMatchObject({ id: item.id, stageId: f.b, version: 2, expedite: null, doneCriterionIds: [] });
    // What Prisma reads now is what the command answered (dates, labels, booleans included).
    expect(await db.$transaction((tx) => loadWallItem(tx, item.id))).toEqual(moved);
    const event = await db.event.findFirstOrThrow({ where: { serviceId: f.id, seq: before.seq + 1 } });
    expect(event).toMatchObject({ type: "item.moved", actorId: (dev as { userId: string }).userId });
    expect(event.payload).toMatchObject({ itemId: item.id, fromStageId: f.a, toStageId: f.b, version: 2, enteredStageAt: moved.enteredStageAt });
    expect(event.createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await snapshotOf(f.id)).seq).toBe(before.seq + 1);
  });

  it("sends an item back upstream: criteria of the stage it returns to unticked, the rejection counted", async () => {
    const f = await flow();
    const item = await createItem(dev, f.id, { title: "Back" });
    const { moved } = await move(dev, item.id, { toStageId: f.b, expectedVersion: 1 });
    const criterion = await db.doneCriterion.findFirstOrThrow({ where: { stageId: f.b } });
    await setItemCriterion(dev, item.id, criterion.id, { done: true });
    const ticked = await db.workItem.findUniqueOrThrow({ where: { id: item.id } });
    await move(dev, item.id, { toStageId: f.c, expectedVersion: ticked.version });
    const inC = await db.workItem.findUniqueOrThrow({ where: { id: item.id } });
    const cmd = { toStageId: f.b, expectedVersion: inC.version, reason: "Broken on mobile" };
    const fast = await tryRejectItemOnSqlite(dev, item.id, cmd);
    expect(fast !== null).toBe(databaseProvider === "sqlite");
    const sent = fast ?? (await rejectItem(dev, item.id, cmd));
    expect(sent).toMatchObject({ stageId: f.b, rejectionCount: 1, doneCriterionIds: [], sentBack: { reason: "Broken on mobile", fromStageId: f.c } });
    expect(moved.rejectionCount).toBe(0);
    expect(await db.$transaction((tx) => loadWallItem(tx, item.id))).toEqual(sent);
    expect(await db.itemCriterionState.findFirstOrThrow({ where: { itemId: item.id, criterionId: criterion.id } })).toMatchObject({ done: false, doneById: null });
    const event = await db.event.findFirstOrThrow({ where: { serviceId: f.id, type: "item.rejected" } });
    expect(event.payload).toMatchObject({ itemId: item.id, fromStageId: f.c, toStageId: f.b, reason: "Broken on mobile", rejectionCount: 1, resetCriterionIds: [criterion.id] });
    // A rejection downstream is no rejection: refused by the canonical path, nothing written.
    expect(await tryRejectItemOnSqlite(dev, item.id, { toStageId: f.c, expectedVersion: sent.version, reason: "x" })).toBeNull();
  });

  it("refuses nothing itself: a stale version, a foreign actor, a WIP limit, JKK answer null and write nothing", async () => {
    const f = await flow();
    const one = await createItem(dev, f.id, { title: "One" });
    const two = await createItem(dev, f.id, { title: "Two" });
    await moveItem(dev, one.id, { toStageId: f.b, expectedVersion: 1 });
    const before = await snapshotOf(f.id);
    expect(await tryMoveItemOnSqlite(dev, two.id, { toStageId: f.b, expectedVersion: 7 })).toBeNull();
    expect(await tryMoveItemOnSqlite(stranger, two.id, { toStageId: f.b, expectedVersion: 1 })).toBeNull();
    expect(await tryMoveItemOnSqlite(dev, two.id, { toStageId: f.b, expectedVersion: 1 })).toBeNull(); // B is full
    expect(await tryMoveItemOnSqlite(dev, one.id, { toStageId: f.c, expectedVersion: 2 })).toBeNull(); // B not done
    expect(await tryMoveItemOnSqlite(dev, two.id, { toStageId: "nope", expectedVersion: 1 })).toBeNull();
    expect(await tryMoveItemOnSqlite(dev, two.id, { toStageId: f.b })).toBeNull(); // not a valid command
    expect(await snapshotOf(f.id)).toEqual(before);
    // The canonical path then gives the canonical answers.
    await expect(moveItem(dev, two.id, { toStageId: f.b, expectedVersion: 1 })).rejects.toMatchObject({ status: 422, details: { rule: "WIP_LIMIT" } });
    await expect(moveItem(stranger, two.id, { toStageId: f.b, expectedVersion: 1 })).rejects.toMatchObject({ status: 404 });
    // An expedite past the limit is accepted by the fast path and recorded as one.
    const { moved: expedited, fast } = await move(dev, two.id, { toStageId: f.b, expectedVersion: 1, expedite: { reason: "Outage" } });
    expect(fast).toBe(databaseProvider === "sqlite");
    expect(expedited).toMatchObject({ stageId: f.b, expedite: { reason: "Outage" } });
  });

  it("waits for an open Prisma transaction instead of joining it, and keeps the sequence gapless", async () => {
    const f = await flow();
    const item = await createItem(dev, f.id, { title: "Waits" });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let txDone = false;
    const tx = db.$transaction(async (t) => {
      await t.service.update({ where: { id: f.id }, data: { description: "touched" } });
      await held;
      txDone = true;
      throw new Error("roll back");
    });
    await new Promise((r) => setTimeout(r, 50));
    const moving = move(dev, item.id, { toStageId: f.b, expectedVersion: 1 });
    await new Promise((r) => setTimeout(r, 50));
    release();
    await expect(tx).rejects.toThrow("roll back");
    const { moved } = await moving;
    expect(txDone).toBe(true);
    expect(moved).toMatchObject({ stageId: f.b, version: 2 });
    // The rolled-back transaction took nothing of the move with it, nor the move anything of it.
    const service = await db.service.findUniqueOrThrow({ where: { id: f.id } });
    expect(service.description).toBe("");
    const events = await db.event.findMany({ where: { serviceId: f.id }, orderBy: { seq: "asc" }, select: { seq: true } });
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: service.lastSeq }, (_, i) => i + 1));
  });

  it("refuses a move downstream that skips a stage on both paths (422 SKIP_REFUSED, nothing written); a retired stage is not one", async () => {
    const f = await flow();
    const item = await createItem(dev, f.id, { title: "Skipper" });
    const before = await snapshotOf(f.id);
    // A is done (no criteria), C is open and empty: only passing B by is wrong.
    expect(await tryMoveItemOnSqlite(dev, item.id, { toStageId: f.c, expectedVersion: 1 })).toBeNull();
    await expect(moveItem(dev, item.id, { toStageId: f.c, expectedVersion: 1 })).rejects.toMatchObject({
      status: 422,
      code: "RULE_VIOLATION",
      message: "A → C would skip B: a card moves downstream one stage at a time (next: B).",
      details: { rule: "SKIP_REFUSED", skipped: ["B"] },
    });
    expect(await snapshotOf(f.id)).toEqual(before);

    // B retired: C is now the next stage in use, and the move goes through (fast path on SQLite).
    const b = await db.stage.findUniqueOrThrow({ where: { id: f.b }, select: { version: true } });
    await updateStage(master, f.b, { expectedVersion: b.version, retired: true });
    const { moved, fast } = await move(dev, item.id, { toStageId: f.c, expectedVersion: 1 });
    expect(fast).toBe(databaseProvider === "sqlite");
    expect(moved).toMatchObject({ stageId: f.c, version: 2 });
  });
});
