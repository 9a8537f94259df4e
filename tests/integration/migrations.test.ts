// The migrations of the provider under test (TEST_DB) against the one model:
// - an EMPTY database migrated with the CLI (`prisma migrate deploy`) has exactly the catalog of a
//   database built from the current schema (`prisma migrate diff --from-empty`): the drift check
//   that fails CI when someone changes prisma/models.prisma without a migration, or the reverse;
// - deploying again changes nothing;
// - prisma/<p>/migrated.prisma (the base of scripts/new-migration.mjs) is the current schema too.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Client } from "pg";
import { afterAll, describe, expect, it } from "vitest";

const provider = (process.env.TEST_DB ?? "sqlite") as "sqlite" | "postgresql";
const root = path.resolve(import.meta.dirname, "../..");
const schemaFile = path.join(root, "prisma", provider, "schema.prisma");
const snapshotFile = path.join(root, "prisma", provider, "migrated.prisma");
const workDir = path.join(root, ".test-dbs", `migrations-${randomBytes(4).toString("hex")}`);
const cleanups: Array<() => Promise<void>> = [];

function prisma(args: string[], url: string): string {
  return execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), ...args], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}

type Catalog = Record<string, unknown>;

// ---------------------------------------------------------------- SQLite

function sqliteCatalog(file: string): Catalog {
  const conn = new Database(file, { readonly: true });
  try {
    const tables = conn
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
      )
      .all() as { name: string }[];
    const out: Catalog = {};
    for (const { name } of tables) {
      const q = (pragma: string) => conn.prepare(`PRAGMA ${pragma}("${name}")`).all();
      const indexes = (q("index_list") as { name: string; unique: number; origin: string; partial: number }[])
        .map((ix) => ({
          name: ix.name,
          unique: ix.unique,
          origin: ix.origin,
          partial: ix.partial,
          columns: (conn.prepare(`PRAGMA index_info("${ix.name}")`).all() as { name: string }[]).map((c) => c.name),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
      // Column order is not compared: ALTER TABLE ADD COLUMN appends, a fresh table follows the model.
      const columns = (q("table_info") as { cid: number; name: string }[])
        .map(({ cid: _cid, ...c }) => c)
        .sort((a, b) => a.name.localeCompare(b.name));
      out[name] = { columns, indexes, foreignKeys: q("foreign_key_list") };
    }
    return out;
  } finally {
    conn.close();
  }
}

async function sqliteFromScript(sql: string): Promise<Catalog> {
  const file = path.join(workDir, `expected-${randomBytes(3).toString("hex")}.db`);
  const conn = new Database(file);
  conn.exec(sql);
  conn.close();
  return sqliteCatalog(file);
}

// ---------------------------------------------------------------- PostgreSQL

function pgUrl(database: string): string {
  const u = new URL(process.env.TEST_POSTGRES_URL!);
  u.pathname = `/${database}`;
  return u.toString();
}

async function pgFreshDatabase(): Promise<string> {
  // The obeya_test_ prefix lets tests/support/global-setup.ts drop leftovers of a crashed run.
  const name = `obeya_test_mig_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: process.env.TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  cleanups.push(async () => {
    const c = new Client({ connectionString: process.env.TEST_POSTGRES_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  });
  return pgUrl(name);
}

async function pgCatalog(url: string): Promise<Catalog> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const q = async (sql: string) => (await c.query(sql)).rows;
    return {
      columns: await q(`
        SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
               character_maximum_length, numeric_precision, datetime_precision
        FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        ORDER BY table_name, column_name`),
      indexes: await q(`
        SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
        ORDER BY tablename, indexname`),
      constraints: await q(`
        SELECT rel.relname AS table_name, con.conname, con.contype, pg_get_constraintdef(con.oid) AS definition
        FROM pg_constraint con
        JOIN pg_class rel ON rel.oid = con.conrelid
        JOIN pg_namespace ns ON ns.oid = rel.relnamespace
        WHERE ns.nspname = 'public' AND rel.relname <> '_prisma_migrations'
        ORDER BY rel.relname, con.conname`),
      enums: await q(`
        SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t
        JOIN pg_enum e ON e.enumtypid = t.oid
        JOIN pg_namespace ns ON ns.oid = t.typnamespace
        WHERE ns.nspname = 'public'
        ORDER BY t.typname, e.enumsortorder`),
    };
  } finally {
    await c.end();
  }
}

async function pgFromScript(sql: string): Promise<Catalog> {
  const url = await pgFreshDatabase();
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(sql);
  await c.end();
  return pgCatalog(url);
}

// ---------------------------------------------------------------- the provider under test

const target =
  provider === "sqlite"
    ? {
        fresh: async () => {
          const file = path.join(workDir, `migrated-${randomBytes(3).toString("hex")}.db`);
          return { url: `file:${file}`, catalog: async () => sqliteCatalog(file) };
        },
        fromScript: sqliteFromScript,
        // Any file will do: the CLI's SQLite adapter opens it when loading prisma.config.ts.
        diffUrl: () => `file:${path.join(workDir, "diff.db")}`,
      }
    : {
        fresh: async () => {
          const url = await pgFreshDatabase();
          return { url, catalog: () => pgCatalog(url) };
        },
        fromScript: pgFromScript,
        diffUrl: () => process.env.TEST_POSTGRES_URL!,
      };

const scripts = new Map<string, string>();
function schemaScript(file: string): string {
  if (!scripts.has(file)) {
    scripts.set(file, prisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", file, "--script"], target.diffUrl()));
  }
  return scripts.get(file)!;
}

function tablesOf(catalog: Catalog): string[] {
  if (provider === "sqlite") return Object.keys(catalog);
  return [...new Set((catalog.columns as { table_name: string }[]).map((c) => c.table_name))];
}

mkdirSync(workDir, { recursive: true });

afterAll(async () => {
  for (const c of cleanups) await c();
  rmSync(workDir, { recursive: true, force: true });
});

describe(`migrations on ${provider}`, () => {
  it("migrate an empty database to exactly the current model, and a second deploy changes nothing", async () => {
    const db = await target.fresh();
    const first = prisma(["migrate", "deploy"], db.url);
    expect(first).toMatch(/applied|All migrations have been successfully applied/i);
    const migrated = await db.catalog();

    const expected = await target.fromScript(schemaScript(schemaFile));
    // A table list first, so a missing migration reads plainly in the failure message.
    expect(tablesOf(migrated)).toEqual(tablesOf(expected));
    expect(tablesOf(migrated)).toContain("Event");
    expect(JSON.stringify(migrated)).toContain('"seq"');
    expect(migrated).toEqual(expected);

    const second = prisma(["migrate", "deploy"], db.url);
    expect(second).toMatch(/No pending migrations to apply/);
    expect(await db.catalog()).toEqual(migrated);
  }, 600_000);

  it("migrated.prisma, the base of the next migration, describes the same database as the current schema", async () => {
    const fromSnapshot = await target.fromScript(schemaScript(snapshotFile));
    const fromSchema = await target.fromScript(schemaScript(schemaFile));
    expect(fromSnapshot).toEqual(fromSchema);
  }, 600_000);
});
