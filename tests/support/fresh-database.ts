// Setup file: before a test file imports any app module, point DATABASE_URL at a fresh copy
// of the migrated template (real SQLite or real PostgreSQL, never a mock).
import { copyFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { inject } from "vitest";
import { pgUrl } from "./global-setup";

const info = inject("testDb");
const id = randomBytes(4).toString("hex");

if (info.provider === "sqlite") {
  const file = path.join(info.dir, `t-${id}.db`);
  copyFileSync(info.template, file);
  process.env.DATABASE_URL = `file:${file}`;
} else {
  const base = process.env.TEST_POSTGRES_URL!;
  const name = `obeya_t_${info.runId}_${id}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${info.template}"`);
  await admin.end();
  process.env.DATABASE_URL = pgUrl(base, name);
}
