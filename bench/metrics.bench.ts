// `node --conditions=react-server --import tsx bench/metrics.bench.ts` (BENCH_DB=sqlite|postgresql): the metrics wall's data on a service with
// 20,000 items and ~1,000,000 events over two years (bulk-seeded), for the default 90-day period,
// server side: getServiceMetrics + JSON, p95 over repeated loads, beside a raw SQL baseline that
// reads the same period's flow events in the same run. Three cases: cold (a fresh process: the
// whole log is folded once), warm (nothing new since the last load), live (one new event before
// each load — what an open metrics page pays per move). Results: bench/README.md.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";

const PROVIDER = (process.env.BENCH_DB ?? "sqlite") as "sqlite" | "postgresql";
const ITEMS = Number(process.env.BENCH_ITEMS ?? 20_000);
const LOADS = Number(process.env.BENCH_LOADS ?? 30);
const PG_URL = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/obeya_bench_metrics";
const SQLITE_FILE = path.resolve("bench", ".data", "metrics.db");
const DAY = 86_400_000;
const SPAN_DAYS = 730;
const FLOW_TYPES = ["item.created", "item.moved", "item.rejected", "item.blocked", "item.unblocked", "item.criteria.checked"];

const url = PROVIDER === "postgresql" ? PG_URL : `file:${SQLITE_FILE}`;

async function freshDatabase() {
  if (PROVIDER === "postgresql") {
    const target = new URL(PG_URL);
    const name = target.pathname.slice(1);
    if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
    const admin = new URL(PG_URL);
    admin.pathname = "/postgres";
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
  } else {
    mkdirSync(path.dirname(SQLITE_FILE), { recursive: true });
    for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(SQLITE_FILE + s, { force: true });
  }
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
}

/** A small deterministic generator (mulberry32): the same history every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Ev = { at: number; type: string; payload: object };

const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(0.95 * s.length) - 1)]!;
};
const p50 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(0.5 * s.length) - 1)]!;
};
const r1 = (n: number) => Math.round(n * 10) / 10;

async function main() {
  const t0 = performance.now();
  await freshDatabase();
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL = "silent";
  const { db } = await import("@/server/db");
  const { loadUserActor } = await import("@/server/services/actors/load-user-actor");
  const { createService } = await import("@/server/services/services/create-service");
  const { getServiceMetrics } = await import("@/server/services/metrics/get-service-metrics");
  const { clearFlowFolds } = await import("@/server/services/metrics/flow-fold");

  const org = await db.organization.create({ data: { name: "Bench" } });
  const team = await db.team.create({ data: { orgId: org.id, name: "Bench team" } });
  const user = await db.user.create({ data: { email: "bench@example.test", name: "Bench", memberships: { create: [{ teamId: team.id, role: "SERVICE_MASTER" }] } } });
  const actor = (await loadUserActor(user.id))!;
  const service = await createService(actor, { teamId: team.id, key: "bench-metrics", name: "Bench metrics" });
  const stages = await db.stage.findMany({ where: { serviceId: service.id }, orderBy: { position: "asc" }, select: { id: true, key: true } });
  const stageIds = stages.map((s) => s.id);
  const ops = stages.findIndex((s) => s.key === "operations");

  // Each item: created in the first stage, pulled stage by stage to Operations, four
  // done-criteria ticks per stay, one block, a rejection from Deployment back to Development
  // and its return, six comments: 50 events. Items still under way at "now" stay open.
  const now = Date.now();
  const random = rng(11);
  const events: Ev[] = [];
  const items: { id: string; stageId: string; enteredStageAt: number; createdAt: number }[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const id = `bench${i.toString(36).padStart(6, "0")}`;
    let t = now - SPAN_DAYS * DAY + (i / ITEMS) * SPAN_DAYS * DAY;
    const created = t;
    const mine: Ev[] = [{ at: t, type: "item.created", payload: { item: { id, serviceId: service.id, stageId: stageIds[0], title: `Bench item ${i}`, kind: "FEATURE", version: 1 } } }];
    let stage = 0;
    const stay = (s: number) => {
      const span = (0.2 + random() * 3) * DAY;
      for (let k = 1; k <= 4; k++) {
        mine.push({ at: t + (span * k) / 5, type: "item.criteria.checked", payload: { itemId: id, stageId: stageIds[s], criterionIds: [`c${s}-${k}`], done: true, stageDone: k === 4 } });
      }
      if (s === 5) {
        mine.push({ at: t + span * 0.1, type: "item.blocked", payload: { itemId: id, reason: "Waiting for a review", version: 2 } });
        mine.push({ at: t + span * 0.3, type: "item.unblocked", payload: { itemId: id, version: 3 } });
      }
      t += span;
    };
    const go = (to: number, rejected = false) => {
      const payload = { itemId: id, fromStageId: stageIds[stage], toStageId: stageIds[to], version: mine.length, enteredStageAt: new Date(t).toISOString(), msInFromStage: 0 };
      mine.push({ at: t, type: rejected ? "item.rejected" : "item.moved", payload: rejected ? { ...payload, reason: "Failed acceptance", rejectionCount: 1, resetCriterionIds: [], doneCriterionIds: [] } : payload });
      stage = to;
    };
    for (let s = 1; s <= ops; s++) {
      stay(stage);
      if (s === ops && random() < 0.5) {
        // Sent back from Deployment to Development once, then through again.
        go(s - 2, true);
        stay(stage);
        go(s - 1);
        stay(stage);
      }
      go(s);
    }
    for (let k = 0; mine.length < 50; k++) {
      mine.push({ at: created + random() * (t - created), type: "item.commented", payload: { itemId: id, commentId: `${id}-${k}` } });
    }
    const happened = mine.filter((e) => e.at <= now);
    events.push(...happened);
    const lastMove = [...happened].reverse().find((e) => e.type === "item.moved" || e.type === "item.rejected");
    const lastStage = lastMove ? (lastMove.payload as { toStageId: string }).toStageId : stageIds[0]!;
    items.push({ id, stageId: lastStage, enteredStageAt: lastMove?.at ?? created, createdAt: created });
  }
  events.sort((a, b) => a.at - b.at);

  for (let i = 0; i < items.length; i += 2000) {
    await db.workItem.createMany({
      data: items.slice(i, i + 2000).map((it, j) => ({
        id: it.id,
        serviceId: service.id,
        stageId: it.stageId,
        title: `Bench item ${i + j}`,
        rank: `a${(i + j).toString(36).padStart(6, "0")}`,
        labels: [],
        enteredStageAt: new Date(it.enteredStageAt),
        createdAt: new Date(it.createdAt),
      })),
    });
  }
  const base = (await db.service.findUniqueOrThrow({ where: { id: service.id }, select: { lastSeq: true } })).lastSeq;
  const BATCH = PROVIDER === "sqlite" ? 4000 : 10_000;
  for (let i = 0; i < events.length; i += BATCH) {
    await db.event.createMany({
      data: events.slice(i, i + BATCH).map((e, j) => ({ serviceId: service.id, seq: base + i + j + 1, actorId: user.id, type: e.type, payload: e.payload, createdAt: new Date(e.at) })),
    });
  }
  await db.service.update({ where: { id: service.id }, data: { lastSeq: base + events.length } });
  if (PROVIDER === "postgresql") await db.$executeRawUnsafe(`ANALYZE`);
  const seedMs = performance.now() - t0;
  console.log(`seeded ${ITEMS} items, ${events.length + base} events on ${PROVIDER} in ${r1(seedMs / 1000)} s`);

  // The baseline: a plain SQL read of the same period's flow events (the rows a fold of the
  // period would have to read at least), through the same client.
  const periodFrom = now - 90 * DAY;
  const firstSeq = base + events.findIndex((e) => e.at >= periodFrom) + 1;
  const types = FLOW_TYPES.map((t) => `'${t}'`).join(",");
  const rawSql =
    PROVIDER === "postgresql"
      ? `SELECT "seq", "type", "payload", "createdAt" FROM "Event" WHERE "serviceId" = $1 AND "seq" >= $2 AND "type" IN (${types}) ORDER BY "seq"`
      : `SELECT "seq", "type", "payload", "createdAt" FROM "Event" WHERE "serviceId" = ? AND "seq" >= ? AND "type" IN (${types}) ORDER BY "seq"`;
  const rawRead = async () => (await db.$queryRawUnsafe<unknown[]>(rawSql, service.id, firstSeq)).length;
  const load = async () => JSON.stringify(await getServiceMetrics(actor, service.id)).length;

  clearFlowFolds();
  let t = performance.now();
  const size = await load();
  const cold = performance.now() - t;
  const rawRows = await rawRead();

  const warm: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    t = performance.now();
    await load();
    warm.push(performance.now() - t);
    t = performance.now();
    await rawRead();
    raw.push(performance.now() - t);
  }
  // Live: one move of an open item appended before each load (as runCommand would).
  const open = items.filter((it) => it.stageId !== stageIds[ops]).slice(0, LOADS);
  const live: number[] = [];
  for (let i = 0; i < open.length; i++) {
    const it = open[i]!;
    const { lastSeq } = await db.service.update({ where: { id: service.id }, data: { lastSeq: { increment: 1 } }, select: { lastSeq: true } });
    const toStageId = stageIds[Math.min(stageIds.indexOf(it.stageId) + 1, ops)]!;
    await db.event.create({
      data: { serviceId: service.id, seq: lastSeq, actorId: user.id, type: "item.moved", payload: { itemId: it.id, fromStageId: it.stageId, toStageId, version: 99, enteredStageAt: new Date().toISOString(), msInFromStage: 0 }, createdAt: new Date() },
    });
    t = performance.now();
    await load();
    live.push(performance.now() - t);
  }

  const rows = [
    ["cold (first load: folds the whole log)", r1(cold), "—"],
    ["warm p50 / p95", `${r1(p50(warm))} / ${r1(p95(warm))}`, `${r1(p50(raw))} / ${r1(p95(raw))}`],
    ["live (1 new event) p50 / p95", `${r1(p50(live))} / ${r1(p95(live))}`, "—"],
  ];
  console.log(`\nmetrics wall, ${PROVIDER}: ${ITEMS} items, ${events.length + base} events, 90-day period; ${rawRows} flow events in the period; document ${r1(size / 1024)} KiB; ${LOADS} loads`);
  console.log("| case | getServiceMetrics + JSON (ms) | raw SQL read of the period's flow events (ms) |");
  console.log("|---|---|---|");
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
  console.log(`target p95 ≤ 300 ms (warm and live): ${p95(warm) <= 300 && p95(live) <= 300 ? "met" : "NOT met"}`);
  await db.$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
