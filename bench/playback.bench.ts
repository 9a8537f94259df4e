// `node --conditions=react-server --import tsx bench/playback.bench.ts` (BENCH_DB=sqlite|postgresql):
// wall playback (issue 13.4: a wall of 5,000 items at any moment of a 1,000,000-event history,
// p95 ≤ 300 ms). getWallAt (checkpoint + the events after it folded with the live reducer, the
// problems, the events around the moment) at random moments, p50/p95, beside a raw read of the
// same events (the rows between the checkpoint used and the moment, read alone, nothing folded)
// in the same run. Bulk-seeded event log: service.created, 5,000 item.created, then moves,
// blocks, criteria ticks, andons pulled and released and comments, one second apart.
// BENCH_EVENTS, BENCH_ITEMS, BENCH_LOADS change the size. Results: bench/README.md.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";

const PROVIDER = (process.env.BENCH_DB ?? "sqlite") as "sqlite" | "postgresql";
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 5_000);
const LOADS = Number(process.env.BENCH_LOADS ?? 40);
const PG_URL = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/obeya_bench_playback";
const SQLITE_FILE = path.resolve("bench", ".data", "playback.db");
const BATCH = 5_000;

const url = PROVIDER === "postgresql" ? PG_URL : `file:${SQLITE_FILE}`;

async function freshDatabase() {
  if (PROVIDER === "postgresql") {
    const name = new URL(PG_URL).pathname.slice(1);
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

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(q * s.length) - 1)]!;
};
const r1 = (n: number) => Math.round(n * 10) / 10;

// A small deterministic generator: the same history on every run.
let seed = 42;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = (n: number) => Math.floor(rand() * n);

async function main() {
  const t0 = performance.now();
  await freshDatabase();
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL = "silent";
  const { db } = await import("@/server/db");
  const { loadUserActor } = await import("@/server/services/actors/load-user-actor");
  const { getWallAt } = await import("@/server/services/walls/get-wall-at");
  const { DEFAULT_STAGES } = await import("@/domain/stages");

  const org = await db.organization.create({ data: { name: "Bench" } });
  const team = await db.team.create({ data: { orgId: org.id, name: "Bench team" } });
  const user = await db.user.create({ data: { email: "bench@example.test", name: "Bench", memberships: { create: [{ teamId: team.id, role: "SERVICE_MASTER" }] } } });
  const actor = (await loadUserActor(user.id))!;
  const serviceId = "svcplayback";
  await db.service.create({ data: { id: serviceId, orgId: org.id, teamId: team.id, key: "bench-playback", name: "Playback bench" } });
  const stages = DEFAULT_STAGES.map((st, i) => ({
    id: `st${i}`,
    key: st.key,
    name: st.name,
    position: i,
    wipLimit: st.wipLimit,
    ageThresholdHours: st.ageThresholdHours,
    retired: false,
    version: 1,
    doneCriteria: [{ id: `c${i}`, text: `Done ${i}` }],
  }));
  await db.stage.createMany({ data: stages.map(({ doneCriteria: _c, ...s }) => ({ ...s, serviceId })) });

  const start = Date.now() - EVENTS * 1_000 - 60_000;
  const at = (seq: number) => new Date(start + seq * 1_000);
  const versions = new Array<number>(ITEMS).fill(1);
  const stageOf = new Array<number>(ITEMS).fill(0);
  const open: { id: string; item: number }[] = [];
  let andonNo = 0;
  const event = (seq: number): { seq: number; type: string; payload: object } => {
    if (seq === 1) return { seq, type: "service.created", payload: { serviceId, key: "bench-playback", name: "Playback bench", stageIds: stages.map((s) => s.id), stages } };
    if (seq <= ITEMS + 1) {
      const i = seq - 2;
      stageOf[i] = i % stages.length;
      const when = at(seq).toISOString();
      const item = { id: `it${i}`, serviceId, stageId: stages[stageOf[i]!]!.id, kind: "FEATURE", title: `Bench item ${i}`, description: "", rank: `a${i.toString(36).padStart(4, "0")}`, labels: [], blockedReason: null, businessValue: null, costEstimate: null, version: 1, enteredStageAt: when, createdAt: when };
      return { seq, type: "item.created", payload: { item } };
    }
    const i = pick(ITEMS);
    const roll = rand();
    const itemId = `it${i}`;
    if (roll < 0.45) {
      const to = (stageOf[i]! + 1) % stages.length;
      const from = stageOf[i]!;
      stageOf[i] = to;
      versions[i]! += 1;
      return { seq, type: "item.moved", payload: { itemId, fromStageId: stages[from]!.id, toStageId: stages[to]!.id, version: versions[i], enteredStageAt: at(seq).toISOString(), msInFromStage: 1_000, doneCriterionIds: [] } };
    }
    if (roll < 0.6) {
      versions[i]! += 1;
      return roll < 0.53
        ? { seq, type: "item.blocked", payload: { itemId, reason: "Waiting", version: versions[i] } }
        : { seq, type: "item.unblocked", payload: { itemId, version: versions[i] } };
    }
    if (roll < 0.75) return { seq, type: "item.criteria.checked", payload: { itemId, stageId: stages[stageOf[i]!]!.id, criterionIds: [`c${stageOf[i]}`], done: roll < 0.7, stageDone: roll < 0.7 } };
    if (roll < 0.8 && open.length < 20) {
      const andonId = `an${andonNo++}`;
      open.push({ id: andonId, item: i });
      return { seq, type: "andon.pulled", payload: { andonId, stageId: stages[stageOf[i]!]!.id, itemId, reason: "Stop", problemId: null } };
    }
    if (roll < 0.85 && open.length > 0) {
      const a = open.splice(pick(open.length), 1)[0]!;
      return { seq, type: "andon.released", payload: { andonId: a.id, countermeasure: "Fixed", itemId: `it${a.item}` } };
    }
    return { seq, type: "item.commented", payload: { itemId, commentId: `cm${seq}`, body: "Looked at it" } };
  };
  for (let from = 1; from <= EVENTS; from += BATCH) {
    const rows = [];
    for (let seq = from; seq < from + BATCH && seq <= EVENTS; seq++) {
      const e = event(seq);
      rows.push({ serviceId, seq, type: e.type, actorId: user.id, payload: e.payload, createdAt: at(seq) });
    }
    await db.event.createMany({ data: rows });
  }
  await db.service.update({ where: { id: serviceId }, data: { lastSeq: EVENTS } });
  const seeded = performance.now() - t0;

  // The first look at the end of the history folds it all once, storing a checkpoint every 10,000.
  let t = performance.now();
  const first = await getWallAt(actor, serviceId, at(EVENTS + 1));
  const cold = performance.now() - t;
  if (first.items.length !== ITEMS || first.seq !== EVENTS) throw new Error(`unexpected wall: ${first.items.length} items at seq ${first.seq}`);

  const moments = Array.from({ length: LOADS }, () => at(2 + pick(EVENTS - 1)).getTime() + 500);
  const svc: number[] = [];
  const raw: number[] = [];
  let bytes = 0;
  for (const m of moments) {
    t = performance.now();
    const wall = await getWallAt(actor, serviceId, new Date(m));
    bytes = Math.max(bytes, JSON.stringify(wall).length);
    svc.push(performance.now() - t);
    // The same events read alone: from the checkpoint the service used to the moment.
    const cp = await db.wallCheckpoint.findFirst({ where: { serviceId, at: { lte: new Date(m) } }, orderBy: { seq: "desc" }, select: { seq: true } });
    t = performance.now();
    const rows = await db.event.findMany({
      where: { serviceId, seq: { gt: cp?.seq ?? 0, lte: wall.seq } },
      orderBy: { seq: "asc" },
      select: { serviceId: true, seq: true, type: true, actorId: true, payload: true, createdAt: true },
    });
    raw.push(performance.now() - t);
    if (rows.length > 10_000) throw new Error(`read ${rows.length} events after the checkpoint`);
  }
  const checkpoints = await db.wallCheckpoint.count({ where: { serviceId } });
  console.log(
    [
      `wall playback on ${PROVIDER}: ${ITEMS} items, ${EVENTS} events, ${checkpoints} checkpoints; seeded in ${r1(seeded / 1000)} s; first look (folds the whole log, stores the checkpoints) ${r1(cold / 1000)} s`,
      `getWallAt at ${LOADS} random moments: p50 ${r1(pct(svc, 0.5))} ms, p95 ${r1(pct(svc, 0.95))} ms (largest answer ${r1(bytes / 1024 / 1024)} MiB of JSON)`,
      `raw read of the same events (checkpoint → moment, no fold): p50 ${r1(pct(raw, 0.5))} ms, p95 ${r1(pct(raw, 0.95))} ms`,
      `target p95 ≤ 300 ms: ${pct(svc, 0.95) <= 300 ? "met" : "NOT met"}`,
    ].join("\n"),
  );
  await db.$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
