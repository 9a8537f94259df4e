import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createService } from "@/server/services/services/create-service";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { AppError } from "@/lib/errors";
import { DEFAULT_STAGES } from "@/domain/stages";
import type { Actor } from "@/domain/permissions";
import { makeTeam, makeUser, uid } from "../support/factories";

let master: Actor;
let teamId: string;

beforeAll(async () => {
  const team = await makeTeam();
  teamId = team.id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
});

async function newService() {
  return createService(master, { teamId, key: `svc-${uid()}`, name: "Web conversion" });
}

// Stages without done-criteria or WIP limits: these tests are about the write path (versions,
// events, concurrency), not the rules of flow (tests/integration/flow.test.ts covers those).
async function newOpenService() {
  const stages = ["plan", "build", "test", "deploy", "run", "retire"].map((key) => ({ key, name: key }));
  return createService(master, { teamId, key: `svc-${uid()}`, name: "Web conversion", stages });
}

describe("createService", () => {
  it("creates the eleven default stages in order and a first event", async () => {
    const s = await newService();
    const stages = await db.stage.findMany({ where: { serviceId: s.id }, orderBy: { position: "asc" } });
    expect(stages.map((x) => x.key)).toEqual(DEFAULT_STAGES.map((x) => x.key));
    const events = await db.event.findMany({ where: { serviceId: s.id } });
    expect(events.map((e) => [e.seq, e.type])).toEqual([[1, "service.created"]]);
  });

  it("refuses a developer (403) and writes nothing", async () => {
    const dev = (await makeUser({ teamId, roles: ["DEVELOPER"] })).actor;
    const before = await db.service.count();
    await expect(createService(dev, { teamId, key: `x-${uid()}`, name: "X" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db.service.count()).toBe(before);
  });
});

describe("moveItem", () => {
  it("moves an item, bumps its version and appends item.moved with the next seq", async () => {
    const s = await newOpenService();
    const item = await createItem(master, s.id, { title: "Mobile checkout" });
    expect(item.stageId).toBe(s.stageIds[0]);
    const moved = await moveItem(master, item.id, { toStageId: s.stageIds[1]!, expectedVersion: 1 });
    expect(moved.version).toBe(2);
    expect(moved.stageId).toBe(s.stageIds[1]);
    const events = await db.event.findMany({ where: { serviceId: s.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [1, "service.created"],
      [2, "item.created"],
      [3, "item.moved"],
    ]);
  });

  it("refuses a stale version with VERSION_CONFLICT carrying the current item, and writes nothing", async () => {
    const s = await newOpenService();
    const item = await createItem(master, s.id, { title: "Stale" });
    await moveItem(master, item.id, { toStageId: s.stageIds[1]!, expectedVersion: 1 });
    const seqBefore = (await db.service.findUniqueOrThrow({ where: { id: s.id } })).lastSeq;
    const err = await moveItem(master, item.id, { toStageId: s.stageIds[2]!, expectedVersion: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(409);
    expect(err.details.current).toMatchObject({ id: item.id, version: 2, stageId: s.stageIds[1] });
    const after = await db.workItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(after.stageId).toBe(s.stageIds[1]);
    expect((await db.service.findUniqueOrThrow({ where: { id: s.id } })).lastSeq).toBe(seqBefore);
    expect(await db.event.count({ where: { serviceId: s.id } })).toBe(seqBefore);
  });

  it("a failed command (bad input, foreign stage) writes no state and no event", async () => {
    const s = await newOpenService();
    const other = await newOpenService();
    const item = await createItem(master, s.id, { title: "Guarded" });
    const count = await db.event.count();
    await expect(moveItem(master, item.id, { toStageId: other.stageIds[1]!, expectedVersion: 1 })).rejects.toMatchObject({
      code: "RULE_VIOLATION",
    });
    await expect(moveItem(master, item.id, { toStageId: "", expectedVersion: 0 })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    expect(await db.event.count()).toBe(count);
    expect((await db.workItem.findUniqueOrThrow({ where: { id: item.id } })).version).toBe(1);
  });

  it("answers 404 for an item of a team the actor is not in", async () => {
    const s = await newOpenService();
    const item = await createItem(master, s.id, { title: "Private" });
    const stranger = (await makeUser({ teamId: (await makeTeam()).id, roles: ["SERVICE_MASTER"] })).actor;
    await expect(moveItem(stranger, item.id, { toStageId: s.stageIds[1]!, expectedVersion: 1 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("50 concurrent moves leave a gapless, duplicate-free event sequence", async () => {
    const s = await newOpenService();
    const items = [];
    for (let i = 0; i < 50; i++) items.push(await createItem(master, s.id, { title: `Item ${i}` }));
    const results = await Promise.allSettled(
      items.map((it, i) => moveItem(master, it.id, { toStageId: s.stageIds[1]!, expectedVersion: 1 })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(50);
    const seqs = (await db.event.findMany({ where: { serviceId: s.id }, select: { seq: true }, orderBy: { seq: "asc" } })).map(
      (e) => e.seq,
    );
    expect(seqs).toEqual(Array.from({ length: 101 }, (_, i) => i + 1));
    expect((await db.service.findUniqueOrThrow({ where: { id: s.id } })).lastSeq).toBe(101);
    // 50 transactions queue on 10 pooled connections: allow for a loaded two-core machine.
  }, 120_000);
});
