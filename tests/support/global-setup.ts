// Migrates one template database per test run; each test file then gets a fresh copy
// (tests/support/fresh-database.ts), so files never share state. Names carry a run id so
// that several runs on one machine (or one PostgreSQL server) never collide.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { Client } from "pg";
import type { TestProject } from "vitest/node";

export type TestDbInfo = { provider: "sqlite" | "postgresql"; runId: string; dir: string; template: string };

declare module "vitest" {
  export interface ProvidedContext {
    testDb: TestDbInfo;
  }
}

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

async function dropRunDatabases(base: string, runId: string) {
  const admin = new Client({ connectionString: base });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
    `obeya_t_${runId}%`,
  ]);
  for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  await admin.end();
}

export default async function globalSetup(project: TestProject) {
  const runId = randomBytes(4).toString("hex");
  const provider = (process.env.TEST_DB ?? "sqlite") as TestDbInfo["provider"];
  const dir = path.resolve(".test-dbs", runId);
  mkdirSync(dir, { recursive: true });
  if (provider === "sqlite") {
    const template = path.join(dir, "template.db");
    migrate(`file:${template}`);
    project.provide("testDb", { provider, runId, dir, template });
    return () => rmSync(dir, { recursive: true, force: true });
  }
  const base = process.env.TEST_POSTGRES_URL;
  if (!base) throw new Error("TEST_DB=postgresql needs TEST_POSTGRES_URL");
  const template = `obeya_t_${runId}_template`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${template}"`);
  await admin.end();
  migrate(pgUrl(base, template));
  project.provide("testDb", { provider, runId, dir, template });
  return async () => {
    await dropRunDatabases(base, runId);
    rmSync(dir, { recursive: true, force: true });
  };
}
