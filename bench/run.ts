// `npm run bench`: builds a fresh bench database, runs each phase in its own process (a fresh
// Prisma client and heap per phase; `--conditions=react-server` lets `import "server-only"`
// load outside Next), then prints one table. Every phase is bounded; the whole run stays
// under four minutes.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { appEnv, DATA_DIR, FIXTURE_FILE, readFixture, resultFile, type PhaseResult, type Row } from "./lib/common";

const PHASES = [
  { name: "setup", file: "bench/setup-database.ts", timeoutMs: 60_000 },
  { name: "snapshot", file: "bench/snapshot.bench.ts", timeoutMs: 45_000 },
  { name: "move", file: "bench/move.bench.ts", timeoutMs: 45_000 },
  { name: "http", file: "bench/http.bench.ts", timeoutMs: 80_000 },
  { name: "backup", file: "bench/backup.bench.ts", timeoutMs: 60_000 },
] as const;
// The whole run, hard-capped: a phase gets at most what is left of it.
const TOTAL_BUDGET_MS = 235_000;

function runPhase(file: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", file], {
      env: appEnv({ BENCH_DEADLINE_MS: String(Date.now() + timeoutMs) }),
      stdio: "inherit",
    });
    const timer = setTimeout(() => {
      console.error(`${file}: still running after ${Math.round(timeoutMs / 1000)} s, stopping it`);
      child.kill("SIGTERM");
    }, timeoutMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function ratio(r: Row): string {
  if (r.baseline === null || !Number.isFinite(r.value) || !r.baseline) return "—";
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
    r.met === null ? (Number.isFinite(r.value) ? "" : "not run") : r.met ? "yes" : "NO",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

function commit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src", "server.ts", "prisma"], { encoding: "utf8" }).trim();
    return dirty ? `${head} (with uncommitted changes under src/, server.ts or prisma/)` : head;
  } catch {
    return "unknown";
  }
}

function machine(): string {
  const gib = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GiB`;
  return [
    `date: ${new Date().toISOString()}, commit ${commit()}`,
    `machine: ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? "?"}), ${gib(os.totalmem())} RAM (${gib(os.freemem())} free), node ${process.version}, ${os.platform()} ${os.release()}`,
  ].join("\n");
}

async function main() {
  const started = performance.now();
  const load0 = os.loadavg();
  // `npm run bench -- move http` runs only those phases (after a fresh setup).
  const only = process.argv.slice(2);
  const unknown = only.filter((n) => !PHASES.some((p) => p.name === n));
  if (unknown.length > 0) throw new Error(`unknown phase(s) ${unknown.join(", ")}; phases: ${PHASES.map((p) => p.name).join(", ")}`);
  const selected = PHASES.filter((p) => p.name === "setup" || only.length === 0 || only.includes(p.name));
  for (const p of PHASES) rmSync(resultFile(p.name), { force: true });
  rmSync(FIXTURE_FILE, { force: true });
  const failed: string[] = [];
  for (const p of selected) {
    console.log(`\n— ${p.name} (${p.file})`);
    const left = TOTAL_BUDGET_MS - (performance.now() - started);
    if (left < 5_000) {
      console.error(`${p.name}: skipped, the ${TOTAL_BUDGET_MS / 1000} s budget is spent`);
      failed.push(p.name);
      continue;
    }
    const code = await runPhase(p.file, Math.min(p.timeoutMs, left));
    if (code !== 0) {
      failed.push(p.name);
      if (p.name === "setup") break;
    }
  }
  const load1 = os.loadavg();

  const rows: Row[] = [];
  const notes: string[] = [];
  for (const p of selected.slice(1)) {
    const file = resultFile(p.name);
    if (!existsSync(file)) {
      notes.push(`${p.name}: no result (the phase failed; see its output above)`);
      continue;
    }
    const r = JSON.parse(readFileSync(file, "utf8")) as PhaseResult;
    rows.push(...r.rows);
    notes.push(...r.notes.map((n) => `${p.name}: ${n}`));
  }
  if (existsSync(FIXTURE_FILE)) {
    const f = readFixture();
    notes.unshift(`setup: ${f.items} items in one service, seeded (${f.seedMode}) in ${Math.round(f.seedMs)} ms`);
  }
  const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
  const report = [
    machine(),
    `load average: ${fmt(load0)} at start, ${fmt(load1)} at end (on ${os.cpus().length} CPUs)`,
    "",
    table(rows),
    "",
    ...notes.map((n) => `- ${n}`),
    `- total bench time ${((performance.now() - started) / 1000).toFixed(0)} s`,
  ].join("\n");
  console.log(`\n${report}`);
  writeFileSync(path.join(DATA_DIR, "report.md"), `${report}\n`);
  if (failed.length > 0) {
    console.error(`\nphases failed: ${failed.join(", ")}`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
