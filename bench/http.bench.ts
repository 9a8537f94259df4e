// (c) Sequential item moves over the HTTP API (POST /api/v1/items/{id}/move with a session
// cookie) against the real production server (server.ts: Next.js + Socket.IO), beside sequential
// GET /api/health on the same server in the same run.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openRaw } from "./lib/raw";
import { appEnv, beforeDeadline, DATA_DIR, readFixture, round, writeResult, type Row } from "./lib/common";

const REQUESTS = Number(process.env.BENCH_HTTP_REQUESTS ?? 1000);
const WARMUP = 50;
const BLOCK = 100;
const TIME_CAP_MS = Number(process.env.BENCH_HTTP_CAP_MS ?? 25_000);
const START_TIMEOUT_MS = 40_000;
// The app to serve: this checkout by default; BENCH_APP_DIR points at another copy (for example a
// scratch copy built apart, so a bench build does not replace the shared checkout's .next).
const APP_DIR = path.resolve(process.env.BENCH_APP_DIR ?? ".");

async function freePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 50; port++) {
    const ok = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error(`no free port from ${preferred}`);
}

// One keep-alive connection, as a single user's browser would hold.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request(
  port: number,
  method: string,
  urlPath: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method, path: urlPath, agent, headers: body ? { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) } : headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** CPU time (user + system, ms) the server process has used so far, from /proc. */
function serverCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** A source file changed after the build, if any: the server would run older code. */
function newestSource(dir: string, than: number): string | null {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "generated") continue;
      const found = newestSource(p, than);
      if (found) return found;
    } else if (/\.(ts|tsx)$/.test(entry.name) && statSync(p).mtimeMs > than) {
      return p;
    }
  }
  return null;
}

async function waitForHealth(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && beforeDeadline(20_000)) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} (see bench/.data/server.log)`);
    try {
      const r = await request(port, "GET", "/api/health");
      if (r.status === 200) return;
      // Up, but no health route: a build older than the route.
      if (r.status === 404) throw new Error("GET /api/health answered 404: the production build predates the route (npm run build)");
    } catch (e) {
      if (e instanceof Error && e.message.startsWith("GET /api/health")) throw e;
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer /api/health within ${START_TIMEOUT_MS} ms`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 12_000);
  await exited;
  clearTimeout(timer);
}

async function main() {
  const f = readFixture();
  const notes: string[] = [];
  const skip = (why: string) => {
    writeResult({ phase: "http", rows: [{ metric: "(c) HTTP moves, sequential", value: NaN, baseline: null, baselineLabel: "GET /api/health", better: "higher", unit: "req/s", target: "≥ 200/s", met: null, note: why }], notes: [why] });
  };
  if (!existsSync(path.join(APP_DIR, "server.ts"))) return skip("skipped: server.ts does not exist yet");
  if (!existsSync(path.join(APP_DIR, ".next", "BUILD_ID"))) {
    return skip("skipped: no production build (run `npm run build` first)");
  }
  if (!existsSync(path.join(APP_DIR, "src", "app", "api", "v1", "items", "[itemId]", "move", "route.ts"))) {
    return skip("skipped: the route POST /api/v1/items/{id}/move does not exist yet");
  }

  if (APP_DIR !== process.cwd()) notes.push(`served from ${APP_DIR} (BENCH_APP_DIR)`);
  const built = statSync(path.join(APP_DIR, ".next", "BUILD_ID")).mtimeMs;
  const newer = newestSource(path.join(APP_DIR, "src"), built);
  if (newer) notes.push(`WARNING: the production build is older than ${path.relative(APP_DIR, newer)}: rebuild (npm run build)`);

  const { encode } = await import("next-auth/jwt");
  const { authSecret } = await import("@/server/env");
  const raw = openRaw(f.dbFile);
  const { sessionVersion } = raw.prepare("SELECT sessionVersion FROM User WHERE id = ?").get(f.userId) as { sessionVersion: number };
  const token = await encode({ token: { uid: f.userId, sv: sessionVersion, sub: f.userId }, secret: authSecret() });

  const port = await freePort(Number(process.env.BENCH_PORT ?? 3400));
  const origin = `http://localhost:${port}`;
  const headers = { cookie: `next-auth.session-token=${token}`, origin };
  const logFile = path.join(DATA_DIR, "server.log");
  // The server logs straight into a file: piped through this process, a slow reader would
  // throttle the server's synchronous log writes and count against it.
  const logFd = openSync(logFile, "w");
  // BENCH_SERVER_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops.
  const prof = process.env.BENCH_SERVER_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_SERVER_CPU_PROF)}`] : [];
  const child = spawn(process.execPath, [...prof, "--import", "tsx", "server.ts"], {
    env: appEnv({ PORT: String(port), HOSTNAME: "127.0.0.1", NEXTAUTH_URL: origin }),
    cwd: APP_DIR,
    stdio: ["ignore", logFd, logFd],
  });
  closeSync(logFd);
  // Stopped from outside (the runner's time limit, Ctrl-C): never leave the server behind.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      child.kill("SIGKILL");
      process.exit(1);
    });
  }

  try {
    const bootStarted = performance.now();
    await waitForHealth(port, child);
    notes.push(`server up in ${Math.round(performance.now() - bootStarted)} ms on port ${port} (log: bench/.data/server.log)`);

    const items = raw
      .prepare("SELECT id, stageId, version FROM WorkItem WHERE serviceId = ? ORDER BY rank DESC")
      .all(f.serviceId) as { id: string; stageId: string; version: number }[];
    const nextStage = (stageId: string) => f.stageIds[(f.stageIds.indexOf(stageId) + 1) % f.stageIds.length]!;
    let cursor = 0;
    const move = async () => {
      const it = items[cursor++ % items.length]!;
      const to = nextStage(it.stageId);
      // From the last stage the next one is upstream: a rejection (with a reason) under the rules of flow.
      const upstream = f.stageIds.indexOf(to) < f.stageIds.indexOf(it.stageId);
      const r = upstream
        ? await request(port, "POST", `/api/v1/items/${it.id}/reject`, headers, JSON.stringify({ toStageId: to, expectedVersion: it.version, reason: "bench: back to the start" }))
        : await request(port, "POST", `/api/v1/items/${it.id}/move`, headers, JSON.stringify({ toStageId: to, expectedVersion: it.version }));
      if (r.status !== 200) throw new Error(`move answered ${r.status}: ${r.body.slice(0, 300)}`);
      const moved = JSON.parse(r.body) as { version: number; stageId: string };
      it.version = moved.version;
      it.stageId = moved.stageId;
    };
    const health = async () => {
      const r = await request(port, "GET", "/api/health");
      if (r.status !== 200) throw new Error(`health answered ${r.status}`);
    };

    for (let i = 0; i < WARMUP && beforeDeadline(20_000); i++) {
      await health();
      await move();
    }
    // Alternating blocks, so load from elsewhere on the machine hits both sides alike.
    const acc = { move: { n: 0, ms: 0, cpu: 0 }, health: { n: 0, ms: 0, cpu: 0 } };
    const started = performance.now();
    // Reserve: the server's shutdown (a few seconds) after the loop.
    while (acc.move.n < REQUESTS && performance.now() - started < TIME_CAP_MS && beforeDeadline(15_000)) {
      for (const [name, fn] of [["health", health], ["move", move]] as const) {
        const cpu0 = serverCpuMs(child.pid!);
        const t0 = performance.now();
        for (let i = 0; i < BLOCK; i++) await fn();
        acc[name].ms += performance.now() - t0;
        acc[name].cpu += serverCpuMs(child.pid!) - cpu0;
        acc[name].n += BLOCK;
      }
    }
    if (acc.move.n < REQUESTS) notes.push(`HTTP phase stopped by the ${TIME_CAP_MS} ms cap after ${acc.move.n} moves`);

    const movesPerSec = (acc.move.n / acc.move.ms) * 1000;
    const healthPerSec = (acc.health.n / acc.health.ms) * 1000;
    const rows: Row[] = [
      {
        metric: `(c) HTTP moves, sequential (${acc.move.n} requests)`,
        value: round(movesPerSec, 0),
        baseline: round(healthPerSec, 0),
        baselineLabel: "GET /api/health",
        better: "higher",
        unit: "req/s",
        target: "≥ 200/s",
        met: Number.isFinite(movesPerSec) ? movesPerSec >= 200 : null,
      },
      {
        metric: "(c) server CPU per request",
        value: round(acc.move.cpu / acc.move.n, 2),
        baseline: round(acc.health.cpu / acc.health.n, 2),
        baselineLabel: "GET /api/health",
        better: "lower",
        unit: "ms",
        target: "—",
        met: null,
      },
    ];
    writeResult({ phase: "http", rows, notes });
  } finally {
    await stopServer(child);
    raw.close();
    agent.destroy();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
