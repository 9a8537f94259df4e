// `npm test` — quick-start command 2: the WHOLE suite, on SQLite and (with TEST_POSTGRES_URL)
// on PostgreSQL: schema drift, lint, typecheck, unit, integration, build, Playwright end to end.
// Every step runs even when an earlier one failed (except what needs the build), so one run
// shows every failure; the summary ends with "N passed, N failed" and the exit code is non-zero
// on any failure.
//   TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres npm test
import { spawn, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

const pgUrl = process.env.TEST_POSTGRES_URL;
const baseEnv = {
  ...process.env,
  TZ: "UTC",
  NEXT_TELEMETRY_DISABLED: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? "1" : "0"),
};
const bin = (name) => join(root, "node_modules", ".bin", name);
const results = [];

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

// Runs one step, echoing its output and keeping the tail to read test counts from. A step run
// beside others (`buffered`) prints its output in one block when it ends, so logs don't mix.
function runStep(name, cmd, args, env = {}, { buffered = false } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    // Listed in the order steps start, whatever order they end in.
    const result = { name, status: "running", ms: 0, detail: "" };
    results.push(result);
    const header = `\n━━━ ${name}\n$ ${[cmd.replace(root + "/", ""), ...args].join(" ")}\n`;
    if (!buffered) process.stdout.write(header);
    const child = spawn(cmd, args, { env: { ...baseEnv, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let tail = "";
    let all = "";
    const keep = (chunk, stream) => {
      tail = (tail + chunk.toString()).slice(-20_000);
      if (buffered) all += chunk.toString();
      else stream.write(chunk);
    };
    child.stdout.on("data", (c) => keep(c, process.stdout));
    child.stderr.on("data", (c) => keep(c, process.stderr));
    child.on("close", (code, signal) => {
      const ms = Date.now() - started;
      const ok = code === 0;
      const detail = testCounts(tail);
      Object.assign(result, { status: ok ? "passed" : "failed", ms, detail, failures: failedTests(tail) });
      if (buffered) process.stdout.write(header + all);
      console.log(`━━━ ${name}: ${ok ? "PASSED" : `FAILED (exit ${code ?? signal})`} in ${seconds(ms)}${detail ? ` — ${detail}` : ""}`);
      resolve(ok);
    });
  });
}

function skip(name, why) {
  results.push({ name, status: "skipped", ms: 0, detail: why });
  console.log(`\n━━━ ${name}: SKIPPED — ${why}`);
}

// vitest: "Tests  12 passed (12)" / "Tests  1 failed | 11 passed (12)"; playwright: "5 passed", "1 failed".
function testCounts(text) {
  const plain = text.replace(/\u001b\[[0-9;]*m/g, "");
  const vitest = plain.match(/^\s*Tests\s+(.+?)\s*$/m);
  if (vitest) return `tests: ${vitest[1]}`;
  const pw = [...plain.matchAll(/^\s*(\d+) (passed|failed|flaky|skipped|did not run)\b/gm)].map((m) => `${m[1]} ${m[2]}`);
  return pw.length ? `tests: ${pw.join(", ")}` : "";
}

// The names of the failed tests, repeated in the summary: a long log's tail must still say which.
// Playwright lists them under "N failed" / "N flaky" at its end; vitest marks them "FAIL".
function failedTests(text) {
  const plain = text.replace(/\u001b\[[0-9;]*m/g, "");
  const pw = plain.match(/^\s*\d+ (?:failed|flaky)\n((?:\s+\[\w+\] › .+\n?)+)/gm) ?? [];
  const names = pw.flatMap((block) => block.split("\n")).map((l) => l.trim()).filter((l) => l.includes(" › "));
  const vitest = [...plain.matchAll(/^\s*FAIL\s+(.+)$/gm)].map((m) => m[1].trim());
  return [...new Set([...names, ...vitest])].slice(0, 30);
}

function pgDatabaseUrl(name) {
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

const started = Date.now();

if (!existsSync(join(root, "node_modules"))) {
  execFileSync("npm", ["ci"], { stdio: "inherit", env: baseEnv });
}

await runStep("schema drift (models.prisma vs rendered schemas)", process.execPath, ["scripts/render-schemas.mjs", "--check"]);
// Single-threaded checks side by side: the two cores are used, their logs printed one by one.
console.log("\n━━━ lint, typecheck and unit tests run side by side (each printed when it ends)");
await Promise.all([
  runStep("lint", bin("eslint"), ["."], {}, { buffered: true }),
  runStep("typecheck", bin("tsc"), ["--noEmit"], {}, { buffered: true }),
  runStep("unit tests", bin("vitest"), ["run", "--project", "unit"], {}, { buffered: true }),
]);
await runStep("integration tests on SQLite", bin("vitest"), ["run", "--project", "integration"], { TEST_DB: "sqlite" });
if (pgUrl) {
  await runStep("integration tests on PostgreSQL", bin("vitest"), ["run", "--project", "integration"], { TEST_DB: "postgresql" });
} else {
  skip("integration tests on PostgreSQL", "TEST_POSTGRES_URL is not set");
}

const built = await runStep("build (next build)", bin("next"), ["build"], { NODE_ENV: "production" });
// playwright.config.ts starts server.ts on a fresh database it migrates and seeds itself
// (tests/e2e/prepare-db.mjs); the build is ours, made once above. The two databases' runs go
// side by side, each with its own server, port and output folder: one Playwright worker leaves
// most of a core idle (it waits on pages and sockets), and CI has 30 minutes on 2 cores.
// E2E_SERIAL=1 runs them one after the other.
const e2eRuns = [
  { name: "end-to-end tests (Chromium) on SQLite", db: "file:./.e2e-data/e2e.db", port: "3210", out: "test-results/sqlite", wanted: true, why: "" },
  {
    name: "end-to-end tests (Chromium) on PostgreSQL",
    db: pgUrl ? pgDatabaseUrl("obeya_e2e") : "",
    port: "3211",
    out: "test-results/postgresql",
    wanted: Boolean(pgUrl),
    why: "TEST_POSTGRES_URL is not set",
  },
];
const e2eStep = (run, buffered) =>
  runStep(
    run.name,
    bin("playwright"),
    ["test"],
    { E2E_SKIP_BUILD: "1", E2E_DATABASE_URL: run.db, E2E_PORT: run.port, E2E_OUTPUT_DIR: run.out },
    { buffered },
  );
const runnable = [];
for (const run of e2eRuns) {
  if (!run.wanted) skip(run.name, run.why);
  else if (!built) skip(run.name, "the build failed");
  else runnable.push(run);
}
if (process.env.E2E_SERIAL === "1" || runnable.length < 2) {
  for (const run of runnable) await e2eStep(run, false);
} else {
  console.log("\n━━━ end-to-end tests on SQLite and PostgreSQL run side by side (each printed when it ends)");
  await Promise.all(runnable.map((run) => e2eStep(run, true)));
}

// ---------------------------------------------------------------- summary

const passed = results.filter((r) => r.status === "passed").length;
const failed = results.filter((r) => r.status === "failed").length;
const skipped = results.filter((r) => r.status === "skipped").length;
const width = Math.max(...results.map((r) => r.name.length));
console.log("\n════════ Summary (steps)");
for (const r of results) {
  const mark = r.status === "passed" ? "✔ passed " : r.status === "failed" ? "✘ FAILED " : "– skipped";
  const time = r.status === "skipped" ? "" : seconds(r.ms).padStart(8);
  console.log(`${mark}  ${r.name.padEnd(width)}  ${time}  ${r.detail}`);
  for (const f of r.failures ?? []) console.log(`           ↳ failed or flaky: ${f}`);
}
console.log(`total ${seconds(Date.now() - started)}${skipped ? `; ${skipped} skipped` : ""}`);
if (!pgUrl) console.log("PostgreSQL was NOT tested: set TEST_POSTGRES_URL=postgresql://user@host:5432/postgres to include it.");
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
