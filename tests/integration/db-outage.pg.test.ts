// PostgreSQL only (vitest.config.mts includes *.pg.test.ts in the PostgreSQL run): the app on a
// database of its own (tests/support/fresh-database.ts) while its connections are cut under
// load, and while the database refuses connections altogether. Before issue 9's fix a few
// rounds of pg_terminate_backend leaked every pooled connection: /api/ready answered 503 and
// every request hung forever, /api/health still said 200, and writes answered 500.
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ops from "@/lib/openapi/operations";
import { GET as healthRoute } from "@/app/api/health/route";
import { GET as readyRoute } from "@/app/api/ready/route";
import { POST as createItemRoute } from "@/app/api/v1/services/[serviceId]/items/route";
import { GET as wallRoute } from "@/app/api/v1/services/[serviceId]/wall/route";
import { POST as createServiceRoute } from "@/app/api/v1/services/route";
import { env } from "@/server/env";
import { checkLiveness, resetLiveness } from "@/server/services/health/check-liveness";
import { makeTeam, makeUser } from "../support/factories";
import { call, sessionCookie } from "../support/http";

// A request that takes longer than this counts as a hang.
const HANG_MS = 10_000;
const database = new URL(env.DATABASE_URL).pathname.slice(1);
const admin = new Client({ connectionString: process.env.TEST_POSTGRES_URL });
let cookie: string;
let serviceId: string;

type Answer = { status: number | "hang"; ms: number; retryAfter: string | null; what: string };

async function timed(what: string, work: () => Promise<{ status: number; headers: Headers }>): Promise<Answer> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<"hang">((resolve) => (timer = setTimeout(() => resolve("hang"), HANG_MS)));
  const res = await Promise.race([work(), hang]).finally(() => clearTimeout(timer));
  const ms = Math.round(performance.now() - started);
  if (res === "hang") return { status: "hang", ms, retryAfter: null, what };
  return { status: res.status, ms, retryAfter: res.headers.get("retry-after"), what };
}

const write = (title: string) =>
  timed("write", () => call(createItemRoute, "POST", ops.createItem.path, { cookie, params: { serviceId }, body: { title } }));
const read = () => timed("read", () => call(wallRoute, "GET", ops.getWall.path, { cookie, params: { serviceId } }));
const ready = () => timed("ready", () => call(readyRoute, "GET", ops.ready.path));
const health = () => call(healthRoute, "GET", ops.health.path);

async function terminateAppBackends(): Promise<number> {
  const { rowCount } = await admin.query(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    [database],
  );
  return rowCount ?? 0;
}

/** Runs `workers` loops of reads and writes until `stop()` resolves; every answer is kept. */
async function underLoad(workers: number, during: () => Promise<void>): Promise<Answer[]> {
  const answers: Answer[] = [];
  let running = true;
  const loops = Array.from({ length: workers }, async (_, w) => {
    for (let n = 0; running; n++) answers.push(await (n % 2 === 0 ? write(`load ${w}-${n}`) : read()));
  });
  await during();
  running = false;
  await Promise.all(loops);
  return answers;
}

async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, withinMs: number): Promise<T> {
  const until = Date.now() + withinMs;
  let last = await probe();
  while (!ok(last) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    last = await probe();
  }
  return last;
}

function summary(answers: Answer[]) {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[`${a.what} ${a.status}`] = (counts[`${a.what} ${a.status}`] ?? 0) + 1;
  return counts;
}

beforeAll(async () => {
  await admin.connect();
  const teamId = (await makeTeam()).id;
  const { user } = await makeUser({ teamId, roles: ["SERVICE_MASTER"] });
  cookie = await sessionCookie(user.id);
  const created = await call(createServiceRoute, "POST", ops.createService.path, {
    cookie,
    body: { teamId, key: `outage-${Date.now()}`, name: "Outage" },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  serviceId = created.body.id ?? created.body.service?.id;
});

afterAll(async () => {
  await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`).catch(() => undefined);
  await admin.end();
});

describe("PostgreSQL connections cut under load", () => {
  it("answers 503 with Retry-After during the cuts (never 500, never a hang), then recovers by itself", async () => {
    let killed = 0;
    const healthDuring: number[] = [];
    const answers = await underLoad(8, async () => {
      for (let round = 0; round < 10; round++) {
        await new Promise((r) => setTimeout(r, 400));
        killed += await terminateAppBackends();
        healthDuring.push((await health()).status);
      }
    });
    const counts = summary(answers);
    expect(killed, "the cuts must hit the app's connections").toBeGreaterThanOrEqual(10);
    expect(answers.filter((a) => a.status === "hang"), JSON.stringify(counts)).toEqual([]);
    expect(answers.filter((a) => a.status !== 200 && a.status !== 201 && a.status !== 503), JSON.stringify(counts)).toEqual([]);
    const unavailable = answers.filter((a) => a.status === 503);
    expect(unavailable.length, `the cuts failed no request at all: ${JSON.stringify(counts)}`).toBeGreaterThan(0);
    expect(unavailable.every((a) => /^\d+$/.test(a.retryAfter ?? ""))).toBe(true);
    // Liveness: cut connections are not a reason to restart the process.
    expect(healthDuring.every((s) => s === 200), JSON.stringify(healthDuring)).toBe(true);

    // Recovered without a restart: ready, writing, reading, alive.
    expect((await eventually(ready, (a) => a.status === 200, 5_000)).status).toBe(200);
    expect((await write("after the cuts")).status).toBe(201);
    expect((await read()).status).toBe(200);
    const alive = await health();
    expect(alive.status).toBe(200);
    expect(alive.body.database).toBe("ok");
  }, 120_000);

  it("while the database refuses connections: every request fails fast with 503, ready is 503, liveness holds; then it recovers", async () => {
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
    await terminateAppBackends();
    try {
      const away = [await write("while away"), await read(), await write("still away")];
      for (const a of away) {
        expect(a.status, JSON.stringify(a)).toBe(503);
        expect(a.retryAfter).toMatch(/^\d+$/);
        expect(a.ms, "fail fast, not after a long wait").toBeLessThan(5_000);
      }
      expect((await ready()).status).toBe(503);
      const alive = await health();
      // Restarting would not bring the database back: liveness says where the trouble is and passes.
      expect(alive.status).toBe(200);
      expect(alive.body.database).toBe("unreachable");
    } finally {
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
    }
    expect((await eventually(ready, (a) => a.status === 200, 5_000)).status).toBe(200);
    expect((await write("back")).status).toBe(201);
  }, 60_000);
});

describe("liveness", () => {
  it("fails when the pool stays stuck while a fresh connection to the database works (a restart would help)", async () => {
    resetLiveness();
    const stuck = () => new Promise(() => undefined);
    let now = 1_000_000;
    const first = await checkLiveness({ pingPool: stuck, graceMs: 30_000, now: () => now });
    expect(first).toMatchObject({ status: "ok", database: "recovering" });
    now += 31_000;
    const later = await checkLiveness({ pingPool: stuck, graceMs: 30_000, now: () => now });
    expect(later).toMatchObject({ status: "failing", database: "wedged" });
    // The pool answering again clears it.
    expect(await checkLiveness({ now: () => now })).toMatchObject({ status: "ok", database: "ok" });
  }, 20_000);

  it("passes when the database itself is unreachable (a restart would not help)", async () => {
    resetLiveness();
    const failing = () => Promise.reject(new Error("connection refused"));
    const res = await checkLiveness({ pingPool: failing, graceMs: 0, databaseUrl: "postgresql://postgres@127.0.0.1:1/nowhere" });
    expect(res).toMatchObject({ status: "ok", database: "unreachable" });
  });
});
