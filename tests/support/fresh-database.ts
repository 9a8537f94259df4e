// Setup file: before a test file imports any app module, point DATABASE_URL at a fresh copy
// of the migrated template (real SQLite or real PostgreSQL, never a mock).
import { copyFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { PG_TEMPLATE, SQLITE_TEMPLATE, TEMPLATE_DIR, pgUrl } from "./global-setup";

const id = randomBytes(6).toString("hex");

if ((process.env.TEST_DB ?? "sqlite") === "sqlite") {
  const file = path.join(TEMPLATE_DIR, `t-${id}.db`);
  copyFileSync(SQLITE_TEMPLATE, file);
  process.env.DATABASE_URL = `file:${file}`;
} else {
  const base = process.env.TEST_POSTGRES_URL!;
  const name = `obeya_test_${id}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${PG_TEMPLATE}"`);
  await admin.end();
  process.env.DATABASE_URL = pgUrl(base, name);
}
