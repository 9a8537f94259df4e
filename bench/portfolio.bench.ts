// `node --conditions=react-server --import tsx bench/portfolio.bench.ts` (BENCH_DB=sqlite|postgresql): the portfolio wall's data
// (issue 13: 200 services × 500 items, p95 ≤ 500 ms), server side: getPortfolio + JSON for a
// person who sees all of them, p50/p95 over repeated loads, beside a raw SQL baseline that reads
// the same core rows (services, stages, items, open andons) in the same run. Bulk-seeded: every
// service has the eleven default stages, its items spread over them, one in twenty blocked, some
// sent back (with their rejection events), and one service in ten an open andon. A second team's
// services (not visible) sit in the same tables. BENCH_SERVICES, BENCH_ITEMS (per service),
// BENCH_LOADS change the size. Results: bench/README.md.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";

const PROVIDER = (process.env.BENCH_DB ?? "sqlite") as "sqlite" | "postgresql";
const SERVICES = Number(process.env.BENCH_SERVICES ?? 200);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 500);
const LOADS = Number(process.env.BENCH_LOADS ?? 30);
const PG_URL = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/obeya_bench_portfolio";
const SQLITE_FILE = path.resolve("bench", ".data", "portfolio.db");
const HOUR = 3_600_000;

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

async function main() {
  const t0 = performance.now();
  await freshDatabase();
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL = "silent";
  const { db } = await import("@/server/db");
  const { loadUserActor } = await import("@/server/services/actors/load-user-actor");
  const { getPortfolio } = await import("@/server/services/portfolio/get-portfolio");
  const { DEFAULT_STAGES } = await import("@/domain/stages");

  const org = await db.organization.create({ data: { name: "Bench" } });
  const team = await db.team.create({ data: { orgId: org.id, name: "Bench team" } });
  const other = await db.team.create({ data: { orgId: org.id, name: "Not the bench user's" } });
  const user = await db.user.create({ data: { email: "bench@example.test", name: "Bench", memberships: { create: [{ teamId: team.id, role: "SERVICE_MASTER" }] } } });
  const actor = (await loadUserActor(user.id))!;

  const now = Date.now();
  const hidden = Math.max(1, Math.round(SERVICES / 10));
  let andons = 0;
  for (let s = 0; s < SERVICES + hidden; s++) {
    const serviceId = `svc${s.toString(36).padStart(4, "0")}`;
    await db.service.create({ data: { id: serviceId, orgId: org.id, teamId: s < SERVICES ? team.id : other.id, key: `bench-${s}`, name: `Bench service ${s}` } });
    const stageIds = DEFAULT_STAGES.map((_, i) => `${serviceId}st${i}`);
    await db.stage.createMany({
      data: DEFAULT_STAGES.map((st, i) => ({ id: stageIds[i]!, serviceId, key: st.key, name: st.name, position: i, wipLimit: st.wipLimit, ageThresholdHours: st.ageThresholdHours })),
    });
    const items = Array.from({ length: ITEMS }, (_, i) => {
      const stage = i % stageIds.length;
      return {
        id: `${serviceId}i${i.toString(36)}`,
        serviceId,
        stageId: stageIds[stage]!,
        title: `Item ${i} of ${s}`,
        rank: `a${i.toString(36).padStart(5, "0")}`,
        labels: [] as string[],
        blockedReason: i % 20 === 7 ? "Waiting for a review" : null,
        rejectionCount: i % 50 === 3 ? 1 : 0,
        enteredStageAt: new Date(now - (i % 97) * HOUR),
      };
    });
    for (let i = 0; i < items.length; i += 2000) await db.workItem.createMany({ data: items.slice(i, i + 2000) });
    const rejected = items.filter((it) => it.rejectionCount > 0 && stageIds.indexOf(it.stageId) > 0);
    await db.event.createMany({
      data: rejected.map((it, k) => ({
        serviceId,
        seq: k + 1,
        type: "item.rejected",
        payload: { itemId: it.id, fromStageId: stageIds[stageIds.indexOf(it.stageId) + 1] ?? it.stageId, toStageId: it.stageId, reason: "Failed acceptance", enteredStageAt: it.enteredStageAt.toISOString() },
        createdAt: it.enteredStageAt,
      })),
    });
    if (s % 10 === 0) {
      await db.andon.create({ data: { serviceId, stageId: stageIds[6]!, reason: "Pipeline red" } });
      andons++;
    }
    await db.service.update({ where: { id: serviceId }, data: { lastSeq: rejected.length } });
  }
  if (PROVIDER === "postgresql") await db.$executeRawUnsafe(`ANALYZE`);
  console.log(`seeded ${SERVICES} visible (+${hidden} hidden) services × ${ITEMS} items, ${andons} andons, on ${PROVIDER} in ${r1((performance.now() - t0) / 1000)} s`);

  // The baseline: the same core rows read with plain SQL through the same client, no assembly.
  const q = (sql: string) => (PROVIDER === "postgresql" ? sql.replace(/\?/g, (_m, off: number) => `$${sql.slice(0, off).split("?").length}`) : sql);
  const rawRead = async () => {
    const services = await db.$queryRawUnsafe<{ id: string }[]>(q(`SELECT "id", "key", "name", "status", "teamId", "lastSeq" FROM "Service" WHERE "teamId" = ?`), team.id);
    const ids = services.map((s) => s.id);
    const list = ids.map((_, i) => (PROVIDER === "postgresql" ? `$${i + 1}` : "?")).join(",");
    const [stages, items, open] = await Promise.all([
      db.$queryRawUnsafe<unknown[]>(`SELECT "id", "serviceId", "key", "name", "position", "wipLimit", "ageThresholdHours", "retired" FROM "Stage" WHERE "serviceId" IN (${list})`, ...ids),
      db.$queryRawUnsafe<unknown[]>(
        `SELECT "id", "serviceId", "stageId", "title", "blockedReason", "enteredStageAt", "expedite", "expediteReason", "rejectionCount" FROM "WorkItem" WHERE "serviceId" IN (${list})`,
        ...ids,
      ),
      db.$queryRawUnsafe<unknown[]>(`SELECT "stageId", "itemId", "reason", "problemId" FROM "Andon" WHERE "serviceId" IN (${list}) AND "releasedAt" IS NULL`, ...ids),
    ]);
    return stages.length + items.length + open.length;
  };
  const load = async () => JSON.stringify(await getPortfolio(actor));

  let t = performance.now();
  const doc = await load();
  const first = performance.now() - t;
  const rows = (JSON.parse(doc) as { rows: unknown[] }).rows.length;
  if (rows !== SERVICES) throw new Error(`expected ${SERVICES} rows, got ${rows}`);
  const rawRows = await rawRead();

  const svc: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    t = performance.now();
    await load();
    svc.push(performance.now() - t);
    t = performance.now();
    await rawRead();
    raw.push(performance.now() - t);
  }
  console.log(`portfolio: ${rows} rows, ${(doc.length / 1024).toFixed(0)} KiB of JSON; raw baseline reads ${rawRows} rows`);
  console.log(`first load ${r1(first)} ms`);
  console.log(`getPortfolio + JSON  p50 ${r1(pct(svc, 0.5))} ms  p95 ${r1(pct(svc, 0.95))} ms  (${LOADS} loads; target p95 ≤ 500 ms)`);
  console.log(`raw SQL baseline     p50 ${r1(pct(raw, 0.5))} ms  p95 ${r1(pct(raw, 0.95))} ms  (ratio p95 ${r1(pct(svc, 0.95) / pct(raw, 0.95))}×)`);
  await db.$disconnect();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
