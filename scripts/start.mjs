// `npm start` — quick-start command 1: Obeya on SQLite with demo data, from a fresh clone.
// Installs dependencies if missing, builds if the build is missing or older than the sources,
// applies migrations, seeds the demo case into an empty database, then runs server.ts
// (Next.js + Socket.IO on one port) in production mode.
// Configuration comes from the environment (README.md "Configuration"); defaults suit a laptop.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

const port = process.env.PORT ?? "3000";
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? "file:./data/obeya.db",
  PORT: port,
  NEXT_TELEMETRY_DISABLED: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

function step(title, fn) {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  try {
    fn();
  } catch {
    // The command printed its own error above; a stack trace of this script adds nothing.
    console.error(`\n✘ ${title} failed: Obeya was not started.`);
    process.exit(1);
  }
  console.log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function run(cmd, args, extraEnv = {}) {
  execFileSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
}

const node = process.execPath;
const bin = (name) => join(root, "node_modules", ".bin", name);

// ---------------------------------------------------------------- dependencies

if (!existsSync(join(root, "node_modules"))) {
  step("Installing dependencies (npm ci)", () => run("npm", ["ci"]));
}
mkdirSync(join(root, "data"), { recursive: true });
if (!existsSync(join(root, "src/generated/sqlite/client.ts")) || !existsSync(join(root, "src/generated/postgresql/client.ts"))) {
  step("Generating the Prisma clients", () => run(node, ["scripts/generate-clients.mjs"]));
}

// ---------------------------------------------------------------- auth secret

// Production refuses to start without a session secret. A laptop gets one generated once and
// kept in data/ (ignored by git), so sessions survive restarts; deployments set their own.
if (!env.NEXTAUTH_SECRET && !env.AUTH_SECRET) {
  const file = join(root, "data", ".auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  env.NEXTAUTH_SECRET = readFileSync(file, "utf8").trim();
}

// ---------------------------------------------------------------- build

function newestSource() {
  let newest = 0;
  const walk = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const e of readdirSync(p)) walk(join(p, e));
    } else if (st.mtimeMs > newest) {
      newest = st.mtimeMs;
    }
  };
  for (const p of ["src", "public", "next.config.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json"]) walk(join(root, p));
  return newest;
}

const buildId = join(root, ".next", "BUILD_ID");
const stale = !existsSync(buildId) || statSync(buildId).mtimeMs < newestSource();
if (stale || process.argv.includes("--rebuild")) {
  step(existsSync(buildId) ? "Rebuilding (sources changed since the last build)" : "Building the app (next build)", () =>
    run(bin("next"), ["build"], { NODE_ENV: "production" }),
  );
}

// ---------------------------------------------------------------- database

const where = env.DATABASE_URL.startsWith("file:") ? env.DATABASE_URL : env.DATABASE_URL.replace(/\/\/[^@/]*@/, "//***@");
step(`Applying migrations (${where})`, () => run(node, ["node_modules/prisma/build/index.js", "migrate", "deploy"]));
step("Demo data (only into a database without users)", () => run(bin("tsx"), ["prisma/seed.ts", "--if-empty"]));

// ---------------------------------------------------------------- server

const url = `http://localhost:${port}`;
console.log(`\n▶ Starting Obeya on ${url} (Ctrl-C to stop)\n`);
const server = spawn(bin("tsx"), ["server.ts"], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// Say so once it answers, so the line is not lost among the server's own logs.
const deadline = Date.now() + 120_000;
async function announce() {
  while (Date.now() < deadline && server.exitCode === null) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) {
        console.log(`\n✔ Obeya is ready: open ${url} and sign in with a demo account printed above.\n`);
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
void announce();
