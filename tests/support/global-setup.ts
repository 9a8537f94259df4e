// Migrates one template database per provider, once per test run; each test file then gets a
// fresh copy (tests/support/fresh-database.ts), so files never share state.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";

export const TEMPLATE_DIR = path.resolve(".test-dbs");
export const SQLITE_TEMPLATE = path.join(TEMPLATE_DIR, "template.db");
export const PG_TEMPLATE = "obeya_test_template";

function migrate(url: string) {
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: "pipe",
  });
}

export function pgUrl(base: string, database: string): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function globalSetup() {
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  const provider = process.env.TEST_DB ?? "sqlite";
  if (provider === "sqlite") {
    migrate(`file:${SQLITE_TEMPLATE}`);
  } else {
    const base = process.env.TEST_POSTGRES_URL;
    if (!base) throw new Error("TEST_DB=postgresql needs TEST_POSTGRES_URL");
    const admin = new Client({ connectionString: base });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'obeya_test_%'",
    );
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${PG_TEMPLATE}"`);
    await admin.end();
    migrate(pgUrl(base, PG_TEMPLATE));
  }
}
