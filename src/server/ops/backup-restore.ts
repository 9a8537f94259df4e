import "server-only";
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import pg from "pg";

// Online, consistent backups and their restore, for both providers (README "Backup and restore").
// - SQLite: `VACUUM INTO` on a connection of its own: one read transaction, so the copy is the
//   database as of one instant, and in WAL mode the app's writers go on beside it (the online
//   backup API would restart its copy each time another connection writes, and under steady
//   writes might never finish). The result is a plain SQLite file; it is checked before it gets
//   its final name.
// - PostgreSQL: `pg_dump --format=custom`, which reads everything in one repeatable-read
//   snapshot without blocking writers; `pg_restore --single-transaction`, so a failed restore
//   leaves nothing half-written.
// Every expected failure is an OpsError with a message for a person; the CLIs print it without
// a stack trace.

export class OpsError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export type Provider = "sqlite" | "postgresql";

export function providerOf(url: string): Provider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

/** The file behind a `file:` URL, as the app opens it (relative to the working directory). */
export function sqliteFileOf(url: string, cwd = process.cwd()): string {
  const p = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return path.resolve(cwd, p);
}

// Connection parameters libpq understands; Prisma's own (schema, connection_limit, pgbouncer, …)
// would make pg_dump refuse the URL.
const LIBPQ_PARAMS = new Set([
  "sslmode",
  "sslcert",
  "sslkey",
  "sslrootcert",
  "sslpassword",
  "connect_timeout",
  "application_name",
  "options",
  "host",
  "port",
  "target_session_attrs",
]);

/** The URL for libpq tools, without its password (passed as PGPASSWORD, so `ps` never shows it). */
export function libpqTarget(url: string): { url: string; env: NodeJS.ProcessEnv; display: string } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  for (const key of [...u.searchParams.keys()]) if (!LIBPQ_PARAMS.has(key)) u.searchParams.delete(key);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  const display = `${u.host}${u.pathname}`;
  return { url: u.toString(), env, display };
}

const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");
const PGDUMP_MAGIC = Buffer.from("PGDMP", "latin1");

/** What a backup file holds, from its first bytes. */
export function backupKind(file: string): Provider | null {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    if (n >= 16 && head.equals(SQLITE_MAGIC)) return "sqlite";
    if (n >= 5 && head.subarray(0, 5).equals(PGDUMP_MAGIC)) return "postgresql";
    return null;
  } finally {
    closeSync(fd);
  }
}

function stamp(d = new Date()): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

export function defaultBackupFile(provider: Provider, dir: string, at = new Date()): string {
  return path.resolve(dir, `obeya-${provider}-${stamp(at)}.${provider === "sqlite" ? "sqlite3" : "pgdump"}`);
}

// ---------------------------------------------------------------- PostgreSQL client tools

function toolMajor(tool: "pg_dump" | "pg_restore"): number {
  const r = spawnSync(tool, ["--version"], { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    throw new OpsError(
      `${tool} was not found. Install the PostgreSQL client tools of your server's version or newer (Debian/Ubuntu: apt-get install postgresql-client).`,
    );
  }
  const m = /(\d+)(?:\.\d+)?/.exec(r.stdout);
  return m ? Number(m[1]) : 0;
}

async function withPg<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const target = libpqTarget(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "3D000") {
      throw new OpsError(`The database ${target.display} does not exist. Create it first (createdb), then run this again.`);
    }
    throw new OpsError(`Cannot connect to PostgreSQL at ${target.display}: ${(err as Error).message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (err) => reject(new OpsError(`${tool} could not be started: ${err.message}`)));
    child.on("exit", (code) => {
      if (code === 0) resolve();
      else reject(new OpsError(`${tool} failed (exit code ${code}):\n${stderr.trim()}`));
    });
  });
}

// ---------------------------------------------------------------- backup

export type BackupResult = { provider: Provider; file: string; bytes: number; ms: number };

/**
 * Writes a consistent copy of the database at `url` to `file` (which must not exist yet). The
 * copy gets its final name only once it is complete and checked, so a file with that name is
 * always a whole backup.
 */
export async function backupDatabase(url: string, file: string): Promise<BackupResult> {
  const started = performance.now();
  const provider = providerOf(url);
  const out = path.resolve(file);
  if (existsSync(out)) throw new OpsError(`${out} already exists: choose another file name (backups are never overwritten).`);
  mkdirSync(path.dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  try {
    if (provider === "sqlite") {
      const source = sqliteFileOf(url);
      if (!existsSync(source)) throw new OpsError(`There is no SQLite database at ${source} (DATABASE_URL=${url}).`);
      const conn = new Database(source, { readonly: true, fileMustExist: true, timeout: 10_000 });
      try {
        conn.prepare("VACUUM INTO ?").run(partial);
      } finally {
        conn.close();
      }
      const check = new Database(partial, { readonly: true, fileMustExist: true });
      try {
        const result = check.pragma("quick_check", { simple: true });
        if (result !== "ok") throw new OpsError(`The backup failed its integrity check (${String(result)}); nothing was kept.`);
      } finally {
        check.close();
      }
    } else {
      const target = libpqTarget(url);
      const dumpMajor = toolMajor("pg_dump");
      const serverMajor = await withPg(url, async (c) => Math.floor(Number((await c.query("SHOW server_version_num")).rows[0].server_version_num) / 10000));
      if (dumpMajor < serverMajor) {
        throw new OpsError(`pg_dump ${dumpMajor} is older than the server (PostgreSQL ${serverMajor}); install postgresql-client-${serverMajor} or newer.`);
      }
      // One snapshot for the whole dump; give up rather than queue forever behind a migration's lock.
      await run("pg_dump", ["--format=custom", "--lock-wait-timeout=30000", `--file=${partial}`, `--dbname=${target.url}`], target.env);
    }
    renameSync(partial, out);
  } catch (err) {
    rmSync(partial, { force: true });
    if (err instanceof OpsError) throw err;
    throw new OpsError(`The backup failed: ${(err as Error).message}`);
  }
  return { provider, file: out, bytes: statSync(out).size, ms: performance.now() - started };
}

// ---------------------------------------------------------------- restore

export type RestoreResult = { provider: Provider; target: string; ms: number; counts: Record<string, number> };

const COUNTED = ["Service", "WorkItem", "Event", "User"] as const;

function sqliteTables(conn: Database.Database): string[] {
  return (conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map(
    (r) => r.name,
  );
}

async function pgTables(c: pg.Client): Promise<string[]> {
  const { rows } = await c.query<{ name: string }>(
    "SELECT schemaname || '.' || tablename AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
  );
  return rows.map((r) => r.name);
}

function refuseNonEmpty(where: string, tables: string[]): never {
  throw new OpsError(
    `${where} is not empty (${tables.length} table${tables.length === 1 ? "" : "s"}, e.g. ${tables.slice(0, 3).join(", ")}). ` +
      "Restoring replaces everything in it: stop the app, then run again with --force (or restore into an empty database).",
  );
}

/**
 * Restores `file` (a backup of the same provider) into the database at `url`. Refuses a database
 * that has any table unless `force`; with `force` its contents are replaced. The app must not be
 * running against the target.
 */
export async function restoreDatabase(url: string, file: string, opts: { force?: boolean } = {}): Promise<RestoreResult> {
  const started = performance.now();
  const provider = providerOf(url);
  const input = path.resolve(file);
  if (!existsSync(input)) throw new OpsError(`There is no backup file at ${input}.`);
  if (!statSync(input).isFile()) throw new OpsError(`${input} is not a file.`);
  const kind = backupKind(input);
  if (!kind) throw new OpsError(`${input} is not an Obeya backup: neither a SQLite database nor a pg_dump custom-format archive.`);
  if (kind !== provider) {
    throw new OpsError(
      `${input} is a ${kind === "sqlite" ? "SQLite" : "PostgreSQL"} backup but DATABASE_URL points at ${provider === "sqlite" ? "SQLite" : "PostgreSQL"}: ` +
        "restore it into a database of the same kind.",
    );
  }

  if (provider === "sqlite") {
    const target = sqliteFileOf(url);
    const source = new Database(input, { readonly: true, fileMustExist: true });
    try {
      const check = source.pragma("quick_check", { simple: true });
      if (check !== "ok") throw new OpsError(`${input} is damaged (integrity check: ${String(check)}); nothing was restored.`);
      if (existsSync(target)) {
        const existing = new Database(target, { fileMustExist: true, timeout: 10_000 });
        try {
          const tables = sqliteTables(existing);
          if (tables.length > 0 && !opts.force) refuseNonEmpty(`The database ${target}`, tables);
        } finally {
          existing.close();
        }
      } else {
        mkdirSync(path.dirname(target), { recursive: true });
      }
      // The online backup API, backup → target: page by page under the target's locks, so even
      // a target in WAL mode ends up exactly the backup.
      await source.backup(target);
    } finally {
      source.close();
    }
    const restored = new Database(target, { readonly: true, fileMustExist: true });
    try {
      const tables = new Set(sqliteTables(restored));
      const counts: Record<string, number> = {};
      for (const t of COUNTED) if (tables.has(t)) counts[t] = (restored.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
      return { provider, target, ms: performance.now() - started, counts };
    } finally {
      restored.close();
    }
  }

  const target = libpqTarget(url);
  toolMajor("pg_restore");
  await withPg(url, async (c) => {
    const tables = await pgTables(c);
    if (tables.length === 0) return;
    if (!opts.force) refuseNonEmpty(`The database ${target.display}`, tables);
    // --force: start from an empty public schema, so nothing of the old contents survives
    // beside the restored one (pg_restore --clean would leave tables the backup does not have).
    await c.query("DROP SCHEMA public CASCADE");
    await c.query("CREATE SCHEMA public");
  });
  // The restoring role owns what it restores; grants to roles of the old server are not replayed.
  await run(
    "pg_restore",
    ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${target.url}`, input],
    target.env,
  );
  const counts = await withPg(url, async (c) => {
    const out: Record<string, number> = {};
    const present = new Set(await pgTables(c));
    for (const t of COUNTED) if (present.has(`public.${t}`)) out[t] = Number((await c.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n);
    return out;
  });
  return { provider, target: target.display, ms: performance.now() - started, counts };
}
