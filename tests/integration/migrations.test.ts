// The migrations of the provider under test (TEST_DB) against the one model:
// - an EMPTY database migrated with the CLI (`prisma migrate deploy`) has exactly the catalog of a
//   database built from the current schema (`prisma migrate diff --from-empty`): the drift check
//   that fails CI when someone changes prisma/models.prisma without a migration, or the reverse;
// - deploying again changes nothing;
// - prisma/<p>/migrated.prisma (the base of scripts/new-migration.mjs) is the current schema too;
// - an UPGRADE: a database built by the first migration alone and filled with rows in every
//   table, migrated by the start command's own step to the current schema, keeps every record:
//   every row, every value of every column that still exists. A migration may drop or change
//   data only as an explicit step listed in INTENDED_CHANGES below (README "Upgrades").
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
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

function prisma(args: string[], url: string, cwd = root): string {
  return execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), ...args], {
    cwd,
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

// ---------------------------------------------------------------- upgrades

/**
 * What a migration is allowed to change in existing data, each an explicit step of its SQL:
 * `table.column` → old value → new value. Anything else that differs after the upgrade (a row
 * gone, a value changed, a table or a column dropped) fails the test.
 */
const INTENDED_CHANGES: Record<string, Record<string, string>> = {
  // 20261205085437_service_wall: the end of life became ACTIVE → RETIRING → RETIRED.
  "Service.status": { END_OF_LIFE: "RETIRED" },
};

type Column = { name: string; type: string; notNull: boolean; enumValues: string[] | null };
type ForeignKey = { column: string; refTable: string; refColumn: string };
type TableInfo = { name: string; columns: Column[]; fks: ForeignKey[] };

/** Enum values by model field, from the one model (SQLite stores enums as TEXT). */
function modelEnums(): Map<string, string[]> {
  const text = readFileSync(path.join(root, "prisma", "models.prisma"), "utf8");
  const enums = new Map<string, string[]>();
  for (const m of text.matchAll(/^enum (\w+) \{([^}]*)\}/gm)) {
    enums.set(m[1]!, m[2]!.split("\n").map((l) => l.replace(/\/\/.*/, "").trim()).filter(Boolean));
  }
  const byField = new Map<string, string[]>();
  for (const m of text.matchAll(/^model (\w+) \{([^}]*)\}/gm)) {
    for (const line of m[2]!.split("\n")) {
      const f = /^\s*(\w+)\s+(\w+)/.exec(line);
      if (f && enums.has(f[2]!)) byField.set(`${m[1]}.${f[1]}`, enums.get(f[2]!)!);
    }
  }
  return byField;
}

type Db = {
  tables(): Promise<TableInfo[]>;
  insert(table: string, row: Record<string, unknown>): Promise<void>;
  rows(table: string, columns: string[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
};

async function openDb(url: string): Promise<Db> {
  if (provider === "sqlite") {
    const conn = new Database(url.replace(/^file:/, ""));
    const enums = modelEnums();
    return {
      async tables() {
        const names = (
          conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'").all() as {
            name: string;
          }[]
        ).map((r) => r.name);
        return names.map((name) => ({
          name,
          columns: (conn.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string; notnull: number }[]).map((c) => ({
            name: c.name,
            type: c.type.toUpperCase(),
            notNull: c.notnull === 1,
            enumValues: enums.get(`${name}.${c.name}`) ?? null,
          })),
          fks: (conn.prepare(`PRAGMA foreign_key_list("${name}")`).all() as { from: string; table: string; to: string }[]).map((f) => ({
            column: f.from,
            refTable: f.table,
            refColumn: f.to,
          })),
        }));
      },
      async insert(table, row) {
        const cols = Object.keys(row);
        const values = cols.map((c) => {
          const v = row[c];
          if (typeof v === "boolean") return v ? 1 : 0;
          if (v instanceof Date) return v.toISOString().replace("Z", "+00:00");
          if (v !== null && typeof v === "object") return JSON.stringify(v);
          return v;
        });
        conn.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`).run(...values);
      },
      async rows(table, columns) {
        return conn.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM "${table}"`).all() as Record<string, unknown>[];
      },
      async close() {
        conn.close();
      },
    };
  }
  const c = new Client({ connectionString: url });
  await c.connect();
  return {
    async tables() {
      const cols = (
        await c.query(`
          SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, ordinal_position`)
      ).rows as { table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }[];
      const enumRows = (
        await c.query(`SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`)
      ).rows as { typname: string; enumlabel: string }[];
      const enums = new Map<string, string[]>();
      for (const r of enumRows) enums.set(r.typname, [...(enums.get(r.typname) ?? []), r.enumlabel]);
      const fks = (
        await c.query(`
          SELECT rel.relname AS table, a.attname AS column, ref.relname AS ref_table, af.attname AS ref_column
          FROM pg_constraint con
          JOIN pg_class rel ON rel.oid = con.conrelid
          JOIN pg_class ref ON ref.oid = con.confrelid
          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
          JOIN pg_attribute af ON af.attrelid = con.confrelid AND af.attnum = con.confkey[1]
          WHERE con.contype = 'f' AND con.connamespace = 'public'::regnamespace`)
      ).rows as { table: string; column: string; ref_table: string; ref_column: string }[];
      const out = new Map<string, TableInfo>();
      for (const r of cols) {
        const t = out.get(r.table_name) ?? { name: r.table_name, columns: [], fks: [] };
        t.columns.push({
          name: r.column_name,
          type: r.data_type === "USER-DEFINED" ? "ENUM" : r.data_type.toUpperCase(),
          notNull: r.is_nullable === "NO",
          enumValues: r.data_type === "USER-DEFINED" ? (enums.get(r.udt_name) ?? null) : null,
        });
        out.set(r.table_name, t);
      }
      for (const f of fks) out.get(f.table)?.fks.push({ column: f.column, refTable: f.ref_table, refColumn: f.ref_column });
      return [...out.values()];
    },
    async insert(table, row) {
      const cols = Object.keys(row);
      const values = cols.map((k) => {
        const v = row[k];
        return v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v;
      });
      await c.query(`INSERT INTO "${table}" (${cols.map((k) => `"${k}"`).join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")})`, values);
    },
    async rows(table, columns) {
      return (await c.query(`SELECT ${columns.map((k) => `"${k}"`).join(", ")} FROM "${table}"`)).rows as Record<string, unknown>[];
    },
    close: () => c.end(),
  };
}

const ROWS_PER_TABLE = 3;
const WORDS = ["Checkout", "Mobile", "Payments", "Search", "Portal", "Onboarding", "Reporting"];

/** A plausible value of a column for row i (every column filled, nullable ones too). */
function valueFor(table: string, col: Column, i: number): unknown {
  if (table === "Service" && col.name === "status") return ["ACTIVE", "END_OF_LIFE", "ACTIVE"][i % 3];
  if (col.enumValues) return col.enumValues[i % col.enumValues.length];
  const t = col.type;
  if (t.startsWith("BOOL")) return i % 2 === 0;
  if (t.startsWith("INT") || t === "BIGINT" || t === "SMALLINT") return col.name === "version" ? i + 1 : (i + 1) * 7;
  if (t === "REAL" || t.startsWith("DOUBLE") || t.startsWith("DECIMAL") || t === "NUMERIC") return 1250.5 + i * 10;
  if (t.startsWith("DATETIME") || t.startsWith("TIMESTAMP")) return new Date(Date.UTC(2026, 10, 2 + i, 9 + i, 30, 15, 250));
  if (t.startsWith("JSON")) return { note: `${table} ${i}`, tags: [WORDS[i % WORDS.length]!.toLowerCase()], n: i };
  if (col.name === "email") return `person${i}.${table.toLowerCase()}@convertia.example`;
  if (col.name === "key") return `${table.toLowerCase()}-${i}`;
  if (col.name === "rank") return `a${i}`;
  if (/hash/i.test(col.name)) return `$2a$10$${randomBytes(16).toString("hex")}${i}`;
  return `${WORDS[i % WORDS.length]} ${table} ${col.name} ${i + 1}`;
}

/** Fills every table of the first schema, parents first, each foreign key pointing at a real row. */
async function fillEveryTable(db: Db, tables: TableInfo[]): Promise<void> {
  const ids = new Map<string, unknown[]>();
  const pending = [...tables];
  while (pending.length > 0) {
    const ready = (t: TableInfo, strict: boolean) =>
      t.fks.every((f) => f.refTable === t.name || ids.has(f.refTable) || (!strict && !t.columns.find((c) => c.name === f.column)!.notNull));
    const next = pending.find((t) => ready(t, true)) ?? pending.find((t) => ready(t, false));
    if (!next) throw new Error(`cannot order tables by their foreign keys: ${pending.map((t) => t.name).join(", ")}`);
    pending.splice(pending.indexOf(next), 1);
    const made: Record<string, unknown>[] = [];
    for (let i = 0; i < ROWS_PER_TABLE; i++) {
      const row: Record<string, unknown> = {};
      for (const col of next.columns) {
        const fk = next.fks.find((f) => f.column === col.name);
        if (fk) {
          const refs = fk.refTable === next.name ? made.map((r) => r[fk.refColumn]) : ids.get(fk.refTable)?.map((r) => (r as Record<string, unknown>)[fk.refColumn]);
          row[col.name] = refs && refs.length > 0 ? refs[i % refs.length] : null;
        } else {
          row[col.name] = valueFor(next.name, col, i);
        }
      }
      await db.insert(next.name, row);
      made.push(row);
    }
    ids.set(next.name, made);
  }
}

function normalise(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "number" || typeof v === "bigint") return String(Number(v));
  if (typeof v === "object") return JSON.stringify(v);
  const s = String(v);
  // SQLite keeps DateTime as text; the same instant may be written with Z or +00:00.
  if (/^\d{4}-\d\d-\d\dT[\d:.]+(Z|\+00:00)$/.test(s)) return new Date(s).toISOString();
  if (/^[[{]/.test(s)) {
    try {
      return JSON.stringify(JSON.parse(s));
    } catch {
      return s;
    }
  }
  if (/^-?\d+(\.\d+)?$/.test(s)) return String(Number(s));
  return s;
}

function firstMigrationProject(): string {
  const migrations = path.join(root, "prisma", provider, "migrations");
  const first = readdirSync(migrations, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()[0]!;
  // A copy of the project with only the first migration: the same config and CLI, run from
  // there (inside the repository, so node_modules resolves).
  const dir = path.join(workDir, `first-${randomBytes(3).toString("hex")}`);
  mkdirSync(path.join(dir, "prisma", provider, "migrations"), { recursive: true });
  copyFileSync(path.join(root, "prisma.config.ts"), path.join(dir, "prisma.config.ts"));
  copyFileSync(path.join(root, "prisma", provider, "schema.prisma"), path.join(dir, "prisma", provider, "schema.prisma"));
  copyFileSync(path.join(migrations, "migration_lock.toml"), path.join(dir, "prisma", provider, "migrations", "migration_lock.toml"));
  cpSync(path.join(migrations, first), path.join(dir, "prisma", provider, "migrations", first), { recursive: true });
  return dir;
}

describe(`upgrades on ${provider}`, () => {
  it("a database of the first migration, full of data, migrated by the start command keeps every record", async () => {
    const fresh = await target.fresh();
    // An absolute file path (SQLite) or a URL: the same database from the copied project's folder.
    const url = fresh.url;
    expect(prisma(["migrate", "deploy"], url, firstMigrationProject())).toMatch(/applied/i);

    const before = await openDb(url);
    const oldTables = await before.tables();
    expect(oldTables.length).toBeGreaterThan(20);
    await fillEveryTable(before, oldTables);
    const snapshot = new Map<string, Record<string, unknown>[]>();
    for (const t of oldTables) snapshot.set(t.name, await before.rows(t.name, t.columns.map((c) => c.name)));
    await before.close();

    // What `npm start` (scripts/start.mjs) and the container run on every start.
    const deployed = prisma(["migrate", "deploy"], url);
    expect(deployed).toMatch(/applied/i);
    // The upgraded database is exactly a fresh one of the current model.
    expect(await fresh.catalog()).toEqual(await target.fromScript(schemaScript(schemaFile)));

    const after = await openDb(url);
    try {
      const newTables = new Map((await after.tables()).map((t) => [t.name, t]));
      const lost: string[] = [];
      for (const t of oldTables) {
        const now = newTables.get(t.name);
        if (!now) {
          lost.push(`table ${t.name} was dropped`);
          continue;
        }
        const kept = t.columns.filter((c) => now.columns.some((n) => n.name === c.name));
        for (const c of t.columns) if (!kept.includes(c)) lost.push(`column ${t.name}.${c.name} was dropped`);
        const key = (r: Record<string, unknown>) => JSON.stringify(kept.map((c) => normalise(r[c.name])));
        const expected = snapshot
          .get(t.name)!
          .map((r) => {
            const out: Record<string, unknown> = {};
            for (const c of kept) {
              const v = normalise(r[c.name]);
              out[c.name] = INTENDED_CHANGES[`${t.name}.${c.name}`]?.[v ?? ""] ?? v;
            }
            return key(out);
          })
          .sort();
        const actual = (await after.rows(t.name, kept.map((c) => c.name))).map(key).sort();
        expect(actual.length, `rows of ${t.name}`).toBe(ROWS_PER_TABLE);
        if (JSON.stringify(actual) !== JSON.stringify(expected)) lost.push(`rows of ${t.name} changed: ${JSON.stringify({ expected, actual })}`);
      }
      expect(lost).toEqual([]);
    } finally {
      await after.close();
    }
  }, 600_000);
});
