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
import { listGateCriteria } from "@/server/services/releases/list-gate-criteria";
import { createRelease } from "@/server/services/releases/create-release";
import { recordGateDecision } from "@/server/services/releases/record-gate-decision";
import { raiseRfc } from "@/server/services/rfcs/raise-rfc";
import { createService } from "@/server/services/services/create-service";
import { createStory } from "@/server/services/stories/create-story";
import { recordTestResult } from "@/server/services/stories/record-test-result";
import { getWallSnapshot } from "@/server/services/walls/get-wall-snapshot";
import { makeTeam, makeUser, uid } from "../support/factories";

let master: Actor;
let viewer: Actor;
let gatekeeper: Actor;
let developer: Actor;
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
  gatekeeper = (await makeUser({ teamId, roles: ["GATEKEEPER"] })).actor;
  developer = (await makeUser({ teamId, roles: ["DEVELOPER"] })).actor;
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

/** What only the server sees, several times over: failing test cases, a waiting RfC, NO-GO releases. */
async function otherWalls(w: Wall, ids: string[]) {
  for (const itemId of ids.slice(0, 6)) {
    await createStory(developer, { kind: "TEST", itemId, title: "Acceptance", testCases: [{ title: "Happy path", result: "FAILED" }, { title: "Edge", result: "FAILED" }] });
  }
  const rfc = await raiseRfc(developer, w.id, { title: "Old request", what: "x", why: "y", source: "MAINTENANCE" });
  await db.changeRequest.update({ where: { id: rfc.id }, data: { createdAt: new Date(Date.now() - 72 * 3_600_000) } });
  for (let r = 0; r < 3; r++) {
    const release = await createRelease(master, w.id, { name: `3.${r}.${uid()}`, itemIds: ids.slice(8 + r * 3, 11 + r * 3) });
    // The default gate criteria exist once the service has its first release.
    const criteria = await listGateCriteria(master, w.id);
    const assessments = criteria.map((c, i) => ({ criterionId: c.id, result: i === 0 ? ("FAIL" as const) : ("PASS" as const), reason: i === 0 ? "No" : null }));
    await recordGateDecision(gatekeeper, release.id, { outcome: "NO_GO", assessments, supersedesId: null });
  }
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
    // The banner names who stopped the line.
    expect(deploy.openAndons).toEqual([expect.objectContaining({ reason: "Pipeline red", itemId: null, pulledByName: expect.any(String) })]);
    expect(deploy.openAndons[0]!.pulledByName).toBe((await db.user.findUniqueOrThrow({ where: { id: deploy.openAndons[0]!.pulledById! } })).name);
    expect(deploy.problems).toEqual([{ kind: "ANDON", message: "Andon pulled: Pipeline red", itemIds: [], problemIds: [deploy.openAndons[0]!.problemId] }]);
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
    const { ids } = await busyWall(large, 40);
    await otherWalls(large, ids);

    const a = await countStatements(() => getWallSnapshot(viewer, small.id));
    const b = await countStatements(() => getWallSnapshot(viewer, large.id));
    expect(a.result.items).toHaveLength(1);
    expect(b.result.items).toHaveLength(40);
    expect(b.result.problems.filter((p) => ["FAILING_TEST", "RFC_WAITING", "FAILED_GATE"].includes(p.kind)).length).toBeGreaterThanOrEqual(3);
    // The counting really sees the snapshot's reads (one per table at least).
    expect(a.statements).toBeGreaterThanOrEqual(6);
    expect(b.statements).toBe(a.statements);
    // The reads of the wall itself plus the server-only problems (tests, RfCs, gates), the andon
    // pullers' names (20), and the service wall's problems on the Operations stage: service
    // levels, their open breaches, availability samples, MRI, recovery tests, cost lines and the
    // open work of a retiring service with its stages (8 more, whatever the data); Kaizen's
    // overdue countermeasures with their problems, its open proposals and open problems (4 more);
    // the weekly meeting's overdue actions and their owners' names (2 more).
    expect(b.statements).toBeLessThanOrEqual(34);
    // Building the busy wall is ~150 commands: on a loaded 2-core machine that outlasts the default.
  }, 180_000);

  it("shows what only the server sees: a failing test case, an RfC waiting too long, a standing NO-GO (gone after a GO)", async () => {
    // The default value stream: Deployment guards the gate, Maintenance and Customer service receive RfCs.
    const s = await createService(master, { teamId, key: `wall-${uid()}`, name: "Default stages" });
    const base = await getWallSnapshot(viewer, s.id);
    expect(base.problems).toEqual([]);
    const stage = (key: string) => base.stages.find((x) => x.key === key)!;

    // A test story with a failing acceptance case: a problem on its item's stage.
    const item = await createItem(master, s.id, { title: "Mobile checkout", stageId: stage("development").id });
    const story = await createStory(developer, { kind: "TEST", itemId: item.id, title: "Acceptance", testCases: [{ title: "360 px screen" }] });
    expect((await getWallSnapshot(viewer, s.id)).problems).toEqual([]);
    await recordTestResult(developer, story.testCases[0]!.id, { result: "FAILED", expectedVersion: story.version });
    let wall = await getWallSnapshot(viewer, s.id);
    const dev = () => wall.stages.find((x) => x.key === "development")!;
    expect(dev().problems).toEqual([{ kind: "FAILING_TEST", message: "1 failing acceptance test case on 1 item", itemIds: [item.id] }]);
    expect(wall.problems).toEqual([expect.objectContaining({ kind: "FAILING_TEST", stageId: stage("development").id, stageName: "Development" })]);

    // A request for change waiting for its two keys longer than the threshold: on Customer service.
    const rfc = await raiseRfc(developer, s.id, { title: "Slow search", what: "Index it", why: "Users wait", source: "CUSTOMER_SERVICE" });
    expect((await getWallSnapshot(viewer, s.id)).problems.map((p) => p.kind)).toEqual(["FAILING_TEST"]);
    await db.changeRequest.update({ where: { id: rfc.id }, data: { createdAt: new Date(Date.now() - 72 * 3_600_000) } });
    wall = await getWallSnapshot(viewer, s.id);
    expect(wall.stages.find((x) => x.key === "customer-service")!.problems).toEqual([
      expect.objectContaining({ kind: "RFC_WAITING", itemIds: [], message: expect.stringMatching(/waited more than 48 h/) }),
    ]);

    // A NO-GO with one failed criterion: a problem on Deployment; a GO after it clears it.
    const release = await createRelease(master, s.id, { name: `2.${uid()}`, itemIds: [item.id] });
    const criteria = await listGateCriteria(master, s.id);
    const assessments = (failKey: string | null) =>
      criteria.map((c) => ({ criterionId: c.id, result: c.key === failKey ? ("FAIL" as const) : ("PASS" as const), reason: c.key === failKey ? "Cookie banner missing" : null }));
    const noGo = await recordGateDecision(gatekeeper, release.id, { outcome: "NO_GO", assessments: assessments("compliance"), supersedesId: null });
    wall = await getWallSnapshot(viewer, s.id);
    const deployment = () => wall.stages.find((x) => x.key === "deployment")!;
    expect(deployment().problems).toEqual([
      { kind: "FAILED_GATE", message: `Release ${release.name} NO-GO — Compliance failed: Cookie banner missing`, itemIds: [item.id] },
    ]);
    expect(wall.problems.map((p) => `${p.stageName}:${p.kind}`)).toEqual([
      "Development:FAILING_TEST",
      "Deployment:FAILED_GATE",
      "Customer service:RFC_WAITING",
    ]);
    // (the item is not done: a GO over it stands only with a reason, decision record 005)
    await recordGateDecision(gatekeeper, release.id, {
      outcome: "GO",
      assessments: assessments(null),
      overrideReason: "The failing case is a screen size we do not support yet",
      supersedesId: noGo.id,
    });
    wall = await getWallSnapshot(viewer, s.id);
    expect(deployment().problems).toEqual([]);
    expect(wall.problems.map((p) => p.kind)).toEqual(["FAILING_TEST", "RFC_WAITING"]);
  }, 120_000);
});
