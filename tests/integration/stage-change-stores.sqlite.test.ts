// The two stores of a stage change (src/domain/stage-change.ts), differentially, on SQLite: the
// same scripted commands run on two identical services at the same (frozen) times, one through
// the Prisma store only (the canonical path, which PostgreSQL runs), the other as SQLite runs
// moves (the better-sqlite3 store first, the canonical path when it steps aside). Every answer,
// every row the commands touch and every event must be the same, ids aside. Only the SQLite run
// includes this file (vitest.config.mts): PostgreSQL has one store.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { db, sqliteDirect } from "@/server/db";
import { pullAndon } from "@/server/services/andon/pull-andon";
import { releaseAndon } from "@/server/services/andon/release-andon";
import { changeItemStage } from "@/server/services/items/change-stage";
import { tryMoveItemOnSqlite, tryRejectItemOnSqlite } from "@/server/services/items/change-stage-sqlite";
import { createItem } from "@/server/services/items/create-item";
import { setItemCriterion } from "@/server/services/items/set-item-criterion";
import { decideEndOfLife } from "@/server/services/service-wall/decide-end-of-life";
import { createService } from "@/server/services/services/create-service";
import { updateStage } from "@/server/services/stages/update-stage";
import { makeTeam, makeUser, uid } from "../support/factories";

type World = { serviceId: string; stage: Record<string, string>; criterion: Record<string, string>; items: string[]; andon: string | null };
type Mode = "prisma" | "sqlite";
type Outcome = { ok: true; card: unknown; store: "sqlite" | "prisma" } | { ok: false; status: number; code: string; message: string; details: unknown };

let master: Actor;
let dev: Actor;
let viewer: Actor;
let stranger: Actor;
let teamId: string;
const T0 = Date.parse("2026-11-02T08:00:00.000Z");

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  dev = (await makeUser({ teamId, roles: ["DEVELOPER"] })).actor;
  viewer = (await makeUser({ teamId, roles: ["VIEWER"] })).actor;
  stranger = (await makeUser({ teamId: (await makeTeam()).id, roles: ["DEVELOPER"] })).actor;
  // Both services live at the same instants, so their timestamps compare.
  vi.useFakeTimers({ toFake: ["Date"] });
});
afterAll(() => {
  vi.useRealTimers();
});

async function makeWorld(): Promise<World> {
  const s = await createService(master, {
    teamId,
    key: `stores-${uid()}`,
    name: "Two stores",
    stages: [
      { key: "intake", name: "Intake" },
      { key: "build", name: "Build", wipLimit: 1, doneCriteria: ["Reviewed", "Tested"] },
      { key: "review", name: "Review" },
      { key: "check", name: "Check", wipLimit: 2, doneCriteria: ["Accepted"] },
      { key: "ops", name: "Operations" },
    ],
  });
  const stages = await db.stage.findMany({ where: { serviceId: s.id }, select: { id: true, key: true, version: true } });
  const stage = Object.fromEntries(stages.map((x) => [x.key, x.id]));
  const review = stages.find((x) => x.key === "review")!;
  // A retired stage between two others is not one a move skips.
  await updateStage(master, review.id, { expectedVersion: review.version, retired: true });
  const criteria = await db.doneCriterion.findMany({ where: { stage: { serviceId: s.id } }, select: { id: true, text: true } });
  const items: string[] = [];
  for (const title of ["Checkout", "Search", "Login", "Invoices"]) items.push((await createItem(dev, s.id, { title, labels: ["web"] })).id);
  return { serviceId: s.id, stage, criterion: Object.fromEntries(criteria.map((c) => [c.text, c.id])), items, andon: null };
}

const version = async (itemId: string) => (await db.workItem.findUniqueOrThrow({ where: { id: itemId }, select: { version: true } })).version;

/** A move or rejection through the stores `mode` names; its answer or refusal, and who took it. */
async function change(mode: Mode, actor: Actor, itemId: string, intent: "move" | "reject", input: unknown): Promise<Outcome> {
  try {
    if (mode === "sqlite") {
      const fast = await (intent === "move" ? tryMoveItemOnSqlite : tryRejectItemOnSqlite)(actor, itemId, input);
      if (fast) return { ok: true, card: fast, store: "sqlite" };
    }
    return { ok: true, card: await changeItemStage(actor, itemId, intent, input, "prisma"), store: "prisma" };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { ok: false, status: e.status, code: e.code, message: e.message, details: e.details };
  }
}

type Step = { name: string; run: (w: World, mode: Mode) => Promise<Outcome | void> };
const move = (name: string, actor: () => Actor, i: number, input: (w: World, v: number) => unknown): Step => ({
  name,
  run: async (w, mode) => change(mode, actor(), w.items[i]!, "move", input(w, await version(w.items[i]!))),
});
const reject = (name: string, i: number, to: string, reason: string): Step => ({
  name,
  run: async (w, mode) => change(mode, dev, w.items[i]!, "reject", { toStageId: w.stage[to], expectedVersion: await version(w.items[i]!), reason }),
});
const setup = (name: string, run: (w: World) => Promise<unknown>): Step => ({ name, run: async (w) => void (await run(w)) });
const tick = (i: number, ...texts: string[]) =>
  setup(`tick ${texts.join(", ")} on item ${i}`, async (w) => {
    for (const t of texts) await setItemCriterion(dev, w.items[i]!, w.criterion[t]!, { done: true });
  });
const pull = (on: "stage" | "item", target: string | number) =>
  setup(`pull the andon on ${on} ${target}`, async (w) => {
    const input = on === "stage" ? { stageId: w.stage[target as string], reason: "Line down" } : { itemId: w.items[target as number], reason: "Defect found" };
    w.andon = (await pullAndon(dev, w.serviceId, input)).id;
  });
const release = setup("release the andon", (w) => releaseAndon(dev, w.andon!, { countermeasure: "Fixed the build" }));

const script: Step[] = [
  move("move 0 into Build", () => dev, 0, (w, v) => ({ toStageId: w.stage.build, expectedVersion: v })),
  move("move 1 into Build, full", () => dev, 1, (w, v) => ({ toStageId: w.stage.build, expectedVersion: v })),
  move("expedite 1 into Build", () => dev, 1, (w, v) => ({ toStageId: w.stage.build, expectedVersion: v, expedite: { reason: "Outage" } })),
  move("move 0 on before Build is done", () => dev, 0, (w, v) => ({ toStageId: w.stage.check, expectedVersion: v })),
  tick(0, "Reviewed", "Tested"),
  move("move 0 with a stale version", () => dev, 0, (w, v) => ({ toStageId: w.stage.check, expectedVersion: v - 1 })),
  move("move 0 into Check past the retired Review", () => dev, 0, (w, v) => ({ toStageId: w.stage.check, expectedVersion: v })),
  move("move 2 past Build", () => dev, 2, (w, v) => ({ toStageId: w.stage.check, expectedVersion: v })),
  reject("send 0 back to Build", 0, "build", "Fails on iOS"),
  reject("a rejection downstream", 0, "check", "Wrong way"),
  move("a move upstream without a reason", () => dev, 0, (w, v) => ({ toStageId: w.stage.intake, expectedVersion: v })),
  tick(1, "Reviewed", "Tested"),
  move("a move within the limit with an expedite reason", () => dev, 1, (w, v) => ({ toStageId: w.stage.check, expectedVersion: v, expedite: { reason: "Not needed" } })),
  tick(0, "Reviewed", "Tested"),
  pull("stage", "check"),
  move("move 0 into a stopped Check", () => dev, 0, (w, v) => ({ toStageId: w.stage.check, expectedVersion: v })),
  release,
  pull("item", 0),
  move("move 0 with its own andon", () => dev, 0, (w, v) => ({ toStageId: w.stage.check, expectedVersion: v })),
  release,
  move("move 2 to a stage of no service", () => dev, 2, (_w, v) => ({ toStageId: "no-such-stage", expectedVersion: v })),
  move("a stranger moves 2", () => stranger, 2, (w, v) => ({ toStageId: w.stage.build, expectedVersion: v })),
  move("a viewer moves 2", () => viewer, 2, (w, v) => ({ toStageId: w.stage.build, expectedVersion: v })),
  move("a move without a version", () => dev, 2, (w) => ({ toStageId: w.stage.build })),
  reject("send 1 back two stages to Intake", 1, "intake", "Missing test story"),
  move("move 0 into Check again", () => dev, 0, (w, v) => ({ toStageId: w.stage.check, expectedVersion: v })),
  tick(0, "Accepted"),
  move("move 0 into Operations", () => dev, 0, (w, v) => ({ toStageId: w.stage.ops, expectedVersion: v })),
  move("move 3 into Build", () => dev, 3, (w, v) => ({ toStageId: w.stage.build, expectedVersion: v })),
  pull("item", 3),
  reject("send 3 back with its andon open", 3, "intake", "Blocked upstream"),
  release,
  setup("retire the service", async (w) => {
    const v = async () => (await db.service.findUniqueOrThrow({ where: { id: w.serviceId } })).version;
    const plan = { date: new Date(T0 + 30 * 86_400_000).toISOString(), plan: "Move customers to the portal" };
    await decideEndOfLife(master, w.serviceId, { decision: "RETIRE", ...plan, expectedVersion: await v() });
    await decideEndOfLife(master, w.serviceId, { decision: "RETIRED", expectedVersion: await v() });
  }),
  move("move 2 in a retired service", () => dev, 2, (w, v) => ({ toStageId: w.stage.build, expectedVersion: v })),
];

/** Every row of the service that a stage change reads or writes, raw as SQLite holds it. */
function rowsOf(serviceId: string) {
  return sqliteDirect()!.run((c) => {
    const all = (sql: string) => c.prepare(sql).safeIntegers(false).all(serviceId) as Record<string, unknown>[];
    return {
      service: all(`SELECT * FROM "Service" WHERE "id" = ?`),
      stages: all(`SELECT * FROM "Stage" WHERE "serviceId" = ? ORDER BY "position"`),
      criteria: all(`SELECT c.* FROM "DoneCriterion" c JOIN "Stage" s ON s."id" = c."stageId" WHERE s."serviceId" = ? ORDER BY c.rowid`),
      items: all(`SELECT * FROM "WorkItem" WHERE "serviceId" = ? ORDER BY "rank"`),
      criterionStates: all(
        `SELECT cs.* FROM "ItemCriterionState" cs JOIN "WorkItem" w ON w."id" = cs."itemId" WHERE w."serviceId" = ? ORDER BY cs.rowid`,
      ),
      andons: all(`SELECT * FROM "Andon" WHERE "serviceId" = ? ORDER BY rowid`),
      problems: all(`SELECT "id" FROM "Problem" WHERE "serviceId" = ? ORDER BY rowid`),
      events: all(`SELECT * FROM "Event" WHERE "serviceId" = ? ORDER BY "seq"`),
    };
  });
}

/** B's ids and key as A's: rows paired by their order, which the same script makes the same. */
function translator(a: Awaited<ReturnType<typeof rowsOf>>, b: Awaited<ReturnType<typeof rowsOf>>) {
  const pairs = new Map<string, string>();
  for (const table of Object.keys(a!) as (keyof NonNullable<typeof a>)[]) {
    expect(b![table].length, `${table} rows`).toBe(a![table].length);
    b![table].forEach((row, i) => pairs.set(row.id as string, a![table][i]!.id as string));
  }
  pairs.set(b!.service[0]!.key as string, a!.service[0]!.key as string);
  const pattern = new RegExp([...pairs.keys()].map((k) => k.replace(/[^\w-]/g, "\\$&")).join("|"), "g");
  return (value: unknown) => JSON.parse(JSON.stringify(value).replace(pattern, (id) => pairs.get(id)!)) as unknown;
}

describe("the Prisma store and the better-sqlite3 store of a stage change, on SQLite", () => {
  it("answer, write and record the same for every command of a script", async () => {
    vi.setSystemTime(T0);
    const a = await makeWorld();
    const b = await makeWorld();
    const outcomes: { name: string; a: Outcome | void; b: Outcome | void }[] = [];
    for (const [i, step] of script.entries()) {
      // Each step at its own minute, the same for both services.
      vi.setSystemTime(T0 + (i + 1) * 60_000);
      outcomes.push({ name: step.name, a: await step.run(a, "prisma"), b: await step.run(b, "sqlite") });
    }
    const rowsA = await rowsOf(a.serviceId);
    const rowsB = await rowsOf(b.serviceId);
    const asA = translator(rowsA, rowsB);

    // The script went where it meant to: each accepted change and each refusal it names.
    const commands = outcomes.filter((o): o is { name: string; a: Outcome; b: Outcome } => !!o.a && !!o.b);
    const summary = (o: Outcome) => (o.ok ? "ok" : `${o.status} ${(o.details as { rule?: string } | undefined)?.rule ?? o.code}`);
    expect(commands.map((o) => [o.name, summary(o.a)])).toEqual([
      ["move 0 into Build", "ok"],
      ["move 1 into Build, full", "422 WIP_LIMIT"],
      ["expedite 1 into Build", "ok"],
      ["move 0 on before Build is done", "422 JKK_INCOMPLETE"],
      ["move 0 with a stale version", "409 VERSION_CONFLICT"],
      ["move 0 into Check past the retired Review", "ok"],
      ["move 2 past Build", "422 SKIP_REFUSED"],
      ["send 0 back to Build", "ok"],
      ["a rejection downstream", "422 NOT_UPSTREAM"],
      ["a move upstream without a reason", "422 REJECT_REASON_REQUIRED"],
      ["a move within the limit with an expedite reason", "ok"],
      ["move 0 into a stopped Check", "422 LINE_STOPPED"],
      ["move 0 with its own andon", "422 LINE_STOPPED"],
      ["move 2 to a stage of no service", "422 STAGE_NOT_FOUND"],
      ["a stranger moves 2", "404 NOT_FOUND"],
      ["a viewer moves 2", "403 FORBIDDEN"],
      ["a move without a version", "400 VALIDATION_FAILED"],
      ["send 1 back two stages to Intake", "ok"],
      ["move 0 into Check again", "ok"],
      ["move 0 into Operations", "ok"],
      ["move 3 into Build", "ok"],
      ["send 3 back with its andon open", "ok"],
      ["move 2 in a retired service", "422 SERVICE_RETIRED"],
    ]);
    // The better-sqlite3 store took every accepted change; the canonical path every refusal.
    for (const o of commands) expect([o.name, o.b.ok && o.b.store]).toEqual([o.name, o.a.ok && "sqlite"]);

    // The same answers: cards and refusals (with their details) alike.
    for (const o of commands) {
      const { store: _a, ...answerA } = o.a as Outcome & { store?: unknown };
      const { store: _b, ...answerB } = o.b as Outcome & { store?: unknown };
      expect(asA(answerB), o.name).toEqual(answerA);
    }
    // The same rows, column by column as stored (times and JSON text included), and the same events.
    const translated = asA(rowsB) as typeof rowsA;
    for (const table of Object.keys(rowsA!) as (keyof NonNullable<typeof rowsA>)[]) {
      expect(translated![table], table).toEqual(rowsA![table]);
    }
    // What was compared is what the script did: rows moved, expedited, sent back and unticked.
    const items = rowsA!.items;
    expect(items.map((r) => [r.title, r.version, r.expedite, r.expediteReason, r.rejectionCount])).toEqual([
      ["Checkout", 6, 0, null, 1],
      ["Search", 4, 0, null, 1],
      ["Login", 1, 0, null, 0],
      ["Invoices", 3, 0, null, 1],
    ]);
    expect(rowsA!.events.filter((e) => e.type === "item.moved" || e.type === "item.rejected")).toHaveLength(10);
  });
});
