// The wall snapshot's rows read two ways (src/server/services/walls/wall-core-rows.ts): on SQLite
// the snapshot reads them with prepared statements on Prisma's own connection inside its
// transaction; they must be exactly the rows Prisma would have handed over, for every column the
// wall shows (labels, dates, expedite, blocked, criteria met, andons, rejections, a retired
// stage). On PostgreSQL the snapshot reads through Prisma: the same test then holds trivially,
// and the first one says which reader ran.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import { db, sqliteDirect } from "@/server/db";
import { databaseProvider } from "@/server/env";
import { pullAndon } from "@/server/services/andon/pull-andon";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { rejectItem } from "@/server/services/items/reject-item";
import { setItemBlocked } from "@/server/services/items/set-item-blocked";
import { setItemCriterion } from "@/server/services/items/set-item-criterion";
import { createService } from "@/server/services/services/create-service";
import { getWallSnapshot } from "@/server/services/walls/get-wall-snapshot";
import { readWallCore, readWallCoreWithPrisma } from "@/server/services/walls/wall-core-rows";
import { makeTeam, makeUser, uid } from "../support/factories";

let master: Actor;
let serviceId: string;

beforeAll(async () => {
  const teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  const s = await createService(master, {
    teamId,
    key: `core-${uid()}`,
    name: "Core rows",
    stages: [
      { key: "a", name: "A", doneCriteria: ["Reviewed", "Tested"] },
      { key: "b", name: "B", wipLimit: 1 },
      { key: "c", name: "C", ageThresholdHours: 4 },
    ],
  });
  serviceId = s.id;
  const stages = await db.stage.findMany({ where: { serviceId }, orderBy: { position: "asc" }, include: { doneCriteria: true } });
  const [a, b, c] = stages as [(typeof stages)[number], (typeof stages)[number], (typeof stages)[number]];
  const plain = await createItem(master, serviceId, { title: "Plain", labels: ["mobile", "ünïcode"], businessValue: 8, costEstimate: 2.5 });
  await setItemCriterion(master, plain.id, a.doneCriteria[0]!.id, { done: true });
  const full = await createItem(master, serviceId, { title: "Moved on", kind: "DEFECT" });
  for (const cr of a.doneCriteria) await setItemCriterion(master, full.id, cr.id, { done: true });
  const one = await db.workItem.findUniqueOrThrow({ where: { id: full.id }, select: { version: true } });
  const inB = await moveItem(master, full.id, { toStageId: b.id, expectedVersion: one.version });
  // B is full (WIP 1): the next one needs an expedite reason.
  const second = await createItem(master, serviceId, { title: "Expedited", stageId: a.id });
  for (const cr of a.doneCriteria) await setItemCriterion(master, second.id, cr.id, { done: true });
  const v2 = await db.workItem.findUniqueOrThrow({ where: { id: second.id }, select: { version: true } });
  await moveItem(master, second.id, { toStageId: b.id, expectedVersion: v2.version, expedite: { reason: "Customer down" } });
  const back = await rejectItem(master, full.id, { toStageId: a.id, expectedVersion: inB.version, reason: "Crashes on start" });
  await setItemBlocked(master, back.id, { reason: "Waiting for the vendor", expectedVersion: back.version });
  await createItem(master, serviceId, { title: "In C", stageId: c.id });
  await pullAndon(master, serviceId, { stageId: c.id, reason: "Build server on fire" });
  await pullAndon(master, serviceId, { itemId: plain.id, reason: "Wrong data" });
  await db.stage.update({ where: { id: c.id }, data: { retired: true } });
});

describe("the wall snapshot's rows", () => {
  it("come from the SQLite reader on SQLite, from Prisma on PostgreSQL", async () => {
    expect(sqliteDirect() !== null).toBe(databaseProvider === "sqlite");
  });

  it("are the rows Prisma reads, column for column", async () => {
    const [fast, prisma] = await db.$transaction(async (tx) => [await readWallCore(tx, serviceId), await readWallCoreWithPrisma(tx, serviceId)]);
    expect(fast.items.length).toBe(4);
    expect(fast.andons.length).toBe(2);
    expect(fast.rejections.length).toBe(1);
    expect(fast.states.length).toBeGreaterThan(0);
    expect(fast.items.find((i) => i.title === "Plain")?.labels).toEqual(["mobile", "ünïcode"]);
    expect(fast.items.find((i) => i.title === "Expedited")?.expedite).toBe(true);
    expect(fast.stages.find((s) => s.key === "c")?.retired).toBe(true);
    // Order of stages and criteria states is not part of the contract: sort by id where SQL did not.
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((x, y) => x.id.localeCompare(y.id));
    const byKey = (rows: Array<{ itemId: string; criterionId: string }>) => [...rows].sort((x, y) => (x.itemId + x.criterionId).localeCompare(y.itemId + y.criterionId));
    expect(byId(fast.stages)).toEqual(byId(prisma.stages));
    expect(fast.items).toEqual(prisma.items);
    expect(byKey(fast.states)).toEqual(byKey(prisma.states));
    expect(fast.andons).toEqual(prisma.andons);
    expect(fast.rejections).toEqual(prisma.rejections);
  });

  it("refuse to run on the connection outside a transaction", async () => {
    const direct = sqliteDirect();
    if (databaseProvider !== "sqlite") return expect(direct).toBeNull();
    await dbReadyQuery();
    expect(() => direct!.inOpenTransaction(() => 1)).toThrow(/outside a transaction/);
  });

  it("make the same snapshot the wall serves", async () => {
    const snap = await getWallSnapshot(master, serviceId);
    expect(snap.items.map((i) => i.title).sort()).toEqual(["Expedited", "In C", "Moved on", "Plain"]);
    expect(snap.items.find((i) => i.title === "Moved on")?.sentBack).toMatchObject({ reason: "Crashes on start" });
    expect(snap.stages.find((s) => s.key === "c")?.openAndons.map((a) => a.reason)).toEqual(["Build server on fire"]);
  });
});

async function dbReadyQuery() {
  await db.service.count();
}
