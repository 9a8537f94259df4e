// `npm run bench:wall`: the live wall's benchmarks (issue 4), each beside its baseline in the
// same run: fan-out latency (hub vs bare Socket.IO), server memory per idle watcher (hub vs bare),
// and the wall's time until a card can be dragged in headless Chromium (1k and 5k items vs a
// 10-item wall). Servers and clients are child processes; everything is on loopback; the whole
// run is capped and kills whatever is left when it ends.
//
//   npm run bench:wall                     # all phases (~3–4 minutes on 2 cores)
//   npm run bench:wall -- fanout memory    # some phases (after a fresh setup, always run)
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { readWallFixture, WALL_DATA_DIR, wallEnv, type Row } from "./common";
import { runBrowser } from "./browser";
import { runCrossFanout } from "./cross-fanout";
import { runFanout } from "./fanout";
import { runIdleMemory } from "./idle-memory";
import { killChildren } from "./proc";
import { runScrape } from "./scrape";

const PHASES = ["fanout", "crossfanout", "memory", "scrape", "browser"] as const;
const TOTAL_BUDGET_MS = Number(process.env.BENCH_WALL_BUDGET_MS ?? 295_000);
const APP_DIR = path.resolve(process.env.BENCH_APP_DIR ?? ".");
const FANOUT_SIZES = (process.env.BENCH_WALL_FANOUT_SIZES ?? "100,500").split(",").map(Number);
// Measured steps only (warm-ups excluded). 100 s: at load ~18 on 2 cores the bare server needs
// ~10 s per 1,000 sockets, so its 40% share reaches ~4,000; quiet, both reach 10,000 in ~30 s.
const MEMORY_CAP_MS = Number(process.env.BENCH_WALL_MEMORY_CAP_MS ?? 100_000);
const SCRAPE_WATCHERS = Number(process.env.BENCH_WALL_SCRAPE_WATCHERS ?? 1000);
const MEMORY_STEPS = (process.env.BENCH_WALL_MEMORY_STEPS ?? "1000,10000").split(",").map(Number);

function ratio(r: Row): string {
  if (r.baseline === null || !r.baseline || !Number.isFinite(r.value)) return "—";
  return `${(r.value / r.baseline).toFixed(2)}×`;
}

function table(rows: Row[]): string {
  const head = ["metric", "value", "baseline", "ratio", "target", "met?"];
  const body = rows.map((r) => [
    r.metric,
    Number.isFinite(r.value) ? `${r.value} ${r.unit}` : "n/a",
    r.baseline === null ? "—" : `${r.baseline} ${r.unit} (${r.baselineLabel})`,
    ratio(r),
    r.target,
    r.met === null ? "" : r.met ? "yes" : "NO",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: "utf8" }).trim();
  } catch {
    return "?";
  }
}

function machine(): string[] {
  const head = sh("git", ["rev-parse", "--short", "HEAD"]);
  const dirty = sh("git", ["status", "--porcelain", "--", "src", "server.ts"]);
  return [
    `date: ${new Date().toISOString()}, commit ${head}${dirty && dirty !== "?" ? " (with uncommitted changes under src/ or server.ts)" : ""}`,
    `hub: presence ${process.env.BENCH_WALL_PRESENCE === "0" ? "OFF (BENCH_WALL_PRESENCE=0)" : "on"}, one-query join ${process.env.BENCH_WALL_FAST_JOIN === "0" ? "OFF (BENCH_WALL_FAST_JOIN=0)" : "on"}`,
    `machine: nproc ${sh("nproc", [])}, ${os.cpus()[0]?.model ?? "?"}, node ${process.version}, open files ${sh("bash", ["-c", 'ulimit -n 65535 2>/dev/null || ulimit -n "$(ulimit -Hn)"; ulimit -n'])}`,
    "free -h:",
    ...sh("free", ["-h"]).split("\n").map((l) => `    ${l}`),
  ];
}

function setup(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/wall/setup.ts"], { env: wallEnv(), stdio: "inherit" });
    const t = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("exit", (code) => {
      clearTimeout(t);
      if (code === 0) resolve();
      else reject(new Error(`setup failed (${code})`));
    });
  });
}

function freePort(preferred: number): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(freePort(preferred + 1)));
    srv.listen(preferred, "127.0.0.1", () => srv.close(() => resolve(preferred)));
  });
}

async function main() {
  const started = performance.now();
  const only = process.argv.slice(2);
  const unknown = only.filter((p) => !(PHASES as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`unknown phase(s) ${unknown.join(", ")}; phases: ${PHASES.join(", ")}`);
  const selected = PHASES.filter((p) => only.length === 0 || only.includes(p));

  const rows: Row[] = [];
  const notes: string[] = [];
  const load0 = os.loadavg();
  const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
  const writeReport = () => {
    const report = [
      ...machine(),
      `load average: ${fmt(load0)} at start, ${fmt(os.loadavg())} at end`,
      "",
      table(rows),
      "",
      ...notes.map((n) => `- ${n}`),
      `- total ${Math.round((performance.now() - started) / 1000)} s`,
    ].join("\n");
    console.log(`\n${report}`);
    writeFileSync(path.join(WALL_DATA_DIR, "report.md"), `${report}\n`);
  };
  // Hard cap: whatever still runs when the budget is spent is killed, the figures measured so
  // far are reported, and the bench fails.
  const cap = setTimeout(() => {
    console.error(`bench:wall: over its ${TOTAL_BUDGET_MS / 1000} s budget, stopping`);
    killChildren();
    notes.push(`STOPPED: over the ${TOTAL_BUDGET_MS / 1000} s budget; later phases have no figures`);
    writeReport();
    process.exit(2);
  }, TOTAL_BUDGET_MS);
  cap.unref();
  for (const s of ["SIGINT", "SIGTERM"] as const) {
    process.once(s, () => {
      killChildren();
      process.exit(130);
    });
  }

  mkdirSync(WALL_DATA_DIR, { recursive: true });
  console.log("— setup (bench/wall/setup.ts)");
  await setup();
  const f = readWallFixture();
  notes.push(`setup: ${f.watcherIds.length} watchers, walls of ${f.walls.map((w) => w.items).join(", ")} items (seeded once in ${Math.round(f.seedMs / 1000)} s, then copied)`);
  const failed: string[] = [];
  for (const phase of selected) {
    console.log(`— ${phase}`);
    const t = performance.now();
    try {
      const out =
        phase === "fanout"
          ? await runFanout(f, FANOUT_SIZES)
          : phase === "crossfanout"
            ? await runCrossFanout(f, FANOUT_SIZES)
            : phase === "memory"
            ? await runIdleMemory(f, MEMORY_STEPS, MEMORY_CAP_MS)
            : phase === "scrape"
            ? await runScrape(f, SCRAPE_WATCHERS)
            : await runBrowser(f, APP_DIR, await freePort(Number(process.env.BENCH_PORT ?? 3450)));
      rows.push(...out.rows);
      notes.push(...out.notes.map((n) => `${phase}: ${n}`), `${phase}: ${Math.round((performance.now() - t) / 1000)} s`);
      console.log(table(out.rows));
    } catch (e) {
      failed.push(phase);
      notes.push(`${phase}: FAILED: ${e instanceof Error ? e.message : String(e)}`);
      console.error(e);
      killChildren();
    }
  }
  writeReport();
  killChildren();
  process.exit(failed.length ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(e);
  killChildren();
  process.exit(1);
});
