// Before the e2e server starts: a fresh database (SQLite file deleted, or PostgreSQL database
// dropped and created), migrated, seeded with the demo data, plus the suite's own fixture.
// Optionally builds the app first (E2E_SKIP_BUILD=1 when a fresh `next build` exists already).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("prepare-db: DATABASE_URL is not set (playwright.config.ts sets it)");

function run(cmd, args) {
  execFileSync(cmd, args, { stdio: "inherit", env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" } });
}

async function freshPostgres(dbUrl) {
  const target = new URL(dbUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`prepare-db: unexpected database name "${name}"`);
  const admin = new URL(dbUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

function freshSqlite(dbUrl) {
  const file = path.resolve(dbUrl.replace(/^file:/, ""));
  mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
}

if (process.env.E2E_SKIP_BUILD !== "1") run("npx", ["next", "build"]);

if (/^postgres(ql)?:\/\//.test(url)) await freshPostgres(url);
else freshSqlite(url);

run(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"]);
if (existsSync("prisma/seed.ts")) run("npx", ["tsx", "prisma/seed.ts"]);
run("npx", ["tsx", "tests/e2e/support/fixture.ts"]);
