// The wall snapshot: per item its JKK state, blocked reason, expedite, rejections and andon; per
// stage its andons, rejections and problems; and a fixed number of database round trips
// whatever the number of items, counted at the driver adapter (every SQL statement sent).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { PrismaClient as PgClient } from "@/generated/postgresql/client";
import type { Actor } from "@/domain/permissions";
import type { TWallItem } from "@/lib/schemas/item";
import { db, type Db } from "@/server/db";
import { databaseProvider, env } from "@/server/env";
import { pullAndon } from "@/server/services/andon/pull-andon";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { rejectItem } from "@/server/services/items/reject-item";
import { setItemBlocked } from "@/server/services/items/set-item-blocked";
import { setItemCriterion } from "@/server/services/items/set-item-criterion";
import { createService } from "@/server/services/services/create-service";
import { getWallSnapshot } from "@/server/services/walls/get-wall-snapshot";
import { makeTeam, makeUser, uid } from "../support/factories";

let master: Actor;
let viewer: Actor;
let teamId: string;

// ---------------------------------------------------------------- counting round trips

let statements = 0;
type AnyObj = Record<string | symbol, unknown>;
/** Wraps a driver adapter (and its transactions) so every SQL statement sent is counted. */
function counted<T extends object>(target: T): T {
  return new Proxy(target, {
    get(obj, prop) {
      const value = Reflect.get(obj, prop) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (prop === "queryRaw" || prop === "executeRaw") statements++;
        const out = (value as (...a: unknown[]) => unknown).apply(obj, args);
        if (prop === "connect" || prop === "startTransaction") return (out as Promise<object>).then((x) => counted(x));
        return out;
      };
    },
  });
}

let countingClient: Db;
const holderKey = Symbol.for("obeya.db");
const holder = globalThis as unknown as AnyObj;

/** Runs `fn` with the app's `db` pointing at the counting client; answers the statements sent. */
async function countStatements<R>(fn: () => Promise<R>): Promise<{ result: R; statements: number }> {
  const saved = holder[holderKey];
  holder[holderKey] = { db: countingClient, ready: Promise.resolve() };
  statements = 0;
  try {
    const result = await fn();
    return { result, statements };
  } finally {
    holder[holderKey] = saved;
  }
}

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  viewer = (await makeUser({ teamId, roles: ["VIEWER"] })).actor;
  countingClient =
    databaseProvider === "postgresql"
      ? (new PgClient({ adapter: counted(new PrismaPg({ connectionString: env.DATABASE_URL, max: 2 })) }) as unknown as Db)
      : new SqliteClient({ adapter: counted(new PrismaBetterSQLite3({ url: env.DATABASE_URL })) });
});

afterAll(async () => {
  await countingClient?.$disconnect();
});

// ---------------------------------------------------------------- walls

async function newWall() {
  const s = await createService(master, {
    teamId,
    key: `wall-${uid()}`,
    name: "Web conversion",
    stages: [
      { key: "req", name: "Requirements", doneCriteria: ["User story written", "Test story written"], ageThresholdHours: 24 },
      { key: "dev", name: "Development", wipLimit: 3, doneCriteria: ["Code reviewed"] },
      { key: "deploy", name: "Deployment", wipLimit: 2 },
    ],
  });
  const stages = await db.stage.findMany({
    where: { serviceId: s.id },
    orderBy: { position: "asc" },
    select: { id: true, doneCriteria: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  return { id: s.id, req: stages[0]!, dev: stages[1]!, deploy: stages[2]! };
}

type Wall = Awaited<ReturnType<typeof newWall>>;

/** Everything the snapshot joins: ticks, blocks, moves, expedites, rejections, andons. */
async function busyWall(w: Wall, items: number) {
  const ids: string[] = [];
  for (let i = 0; i < items; i++) {
    const it = await createItem(master, w.id, { title: `Card ${i}` });
    ids.push(it.id);
    if (i % 2 === 0) await setItemCriterion(master, it.id, w.req.doneCriteria[0]!.id, { done: true });
    if (i % 5 === 0) await setItemBlocked(master, it.id, { expectedVersion: 1, reason: `blocked ${i}` });
  }
  // Five into Development (two of them expedited past its limit of 3), one sent back.
  const moved: TWallItem[] = [];
  for (const id of ids.filter((_, i) => i % 2 === 0 && i % 5 !== 0).slice(0, 5)) {
    await setItemCriterion(master, id, w.req.doneCriteria[1]!.id, { done: true });
    const n = moved.length;
    moved.push(await moveItem(master, id, { toStageId: w.dev.id, expectedVersion: 1, expedite: n >= 3 ? { reason: `hotfix ${n}` } : null }));
  }
  await rejectItem(master, moved[0]!.id, { toStageId: w.req.id, expectedVersion: moved[0]!.version, reason: "Story incomplete" });
  await pullAndon(master, w.id, { stageId: w.deploy.id, reason: "Pipeline red" });
  await pullAndon(master, w.id, { itemId: moved[1]!.id, reason: "Flaky test" });
  return { ids, moved };
}

describe("getWallSnapshot", () => {
  it("shows per item and per stage what the rules of flow need", async () => {
    const w = await newWall();
    const { moved } = await busyWall(w, 14);
    const wall = await getWallSnapshot(viewer, w.id);
    const req = wall.stages[0]!;
    const dev = wall.stages[1]!;
    const deploy = wall.stages[2]!;

    const sentBack = wall.items.find((i) => i.id === moved[0]!.id)!;
    expect(sentBack).toMatchObject({ stageId: w.req.id, rejectionCount: 1, sentBack: { reason: "Story incomplete", fromStageId: w.dev.id }, doneCriterionIds: [] });
    const ticked = wall.items.find((i) => i.title === "Card 0")!;
    expect(ticked.doneCriterionIds).toEqual([w.req.doneCriteria[0]!.id]);
    expect(wall.items.find((i) => i.title === "Card 5")!.blockedReason).toBe("blocked 5");
    expect(wall.items.find((i) => i.id === moved[1]!.id)!.andon).toMatchObject({ reason: "Flaky test" });
    expect(wall.items.find((i) => i.id === moved[3]!.id)!.expedite).toEqual({ reason: "hotfix 3" });

    expect(req.rejections).toEqual({ sent: 0, received: 1 });
    expect(dev.rejections).toEqual({ sent: 1, received: 0 });
    expect(dev.itemCount).toBe(4);
    expect(dev.problems.map((p) => p.kind)).toEqual(["ANDON", "WIP_OVER_LIMIT", "EXPEDITE"]);
    expect(req.problems.map((p) => p.kind)).toEqual(["BLOCKED", "REJECTED"]);
    expect(deploy.openAndons).toEqual([expect.objectContaining({ reason: "Pipeline red", itemId: null })]);
    expect(deploy.problems).toEqual([{ kind: "ANDON", message: "Andon pulled: Pipeline red", itemIds: [] }]);
    // Top of the wall: every stage's problems, left to right.
    expect(wall.problems.map((p) => `${p.stageName}:${p.kind}`)).toEqual([
      "Requirements:BLOCKED",
      "Requirements:REJECTED",
      "Development:ANDON",
      "Development:WIP_OVER_LIMIT",
      "Development:EXPEDITE",
      "Deployment:ANDON",
    ]);
    const { lastSeq } = await db.service.findUniqueOrThrow({ where: { id: w.id } });
    expect(wall.seq).toBe(lastSeq);
  }, 120_000);

  it("reads a 1-item and a busy 40-item wall with the same number of statements", async () => {
    const small = await newWall();
    await createItem(master, small.id, { title: "Alone" });
    const large = await newWall();
    await busyWall(large, 40);

    const a = await countStatements(() => getWallSnapshot(viewer, small.id));
    const b = await countStatements(() => getWallSnapshot(viewer, large.id));
    expect(a.result.items).toHaveLength(1);
    expect(b.result.items).toHaveLength(40);
    // The counting really sees the snapshot's reads (one per table at least).
    expect(a.statements).toBeGreaterThanOrEqual(6);
    expect(b.statements).toBe(a.statements);
    expect(b.statements).toBeLessThanOrEqual(12);
    // Building the busy wall is ~150 commands: on a loaded 2-core machine that outlasts the default.
  }, 180_000);
});
