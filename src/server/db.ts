import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { PrismaClient as PgClient } from "@/generated/postgresql/client";
import { databaseProvider, env } from "./env";
import { metrics } from "./observability/metrics";
import { createPgPool } from "./db-pg-pool";
import { serializeSqliteAdapter, SqliteDirect, Lock } from "./db-sqlite-serialize";

// Both generated clients share one model, so they share one API; services are typed
// against the SQLite client and run unchanged on PostgreSQL.
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

function sqliteFile(url: string): string {
  return url.replace(/^file:/, "");
}

// Query durations for the metrics (obeya_db_query_duration_seconds): events, not log lines.
const QUERY_EVENTS = [{ emit: "event" as const, level: "query" as const }];

type QueryEvents = { $on(event: "query", listener: (e: { duration: number }) => void): void };

export function createDb(url = env.DATABASE_URL, direct?: SqliteDirect): Db {
  if (/^postgres(ql)?:\/\//.test(url)) {
    // Our own pool (db-pg-pool.ts): timeouts everywhere, broken clients discarded.
    const adapter = new PrismaPg(createPgPool(url), {
      onPoolError: () => undefined,
      onConnectionError: () => undefined,
      disposeExternalPool: true,
    });
    return new PgClient({ adapter, log: QUERY_EVENTS }) as unknown as Db;
  }
  // busy timeout: writers wait for each other instead of failing with SQLITE_BUSY.
  const adapter = serializeSqliteAdapter(new PrismaBetterSQLite3({ url: `file:${sqliteFile(url)}`, timeout: 5000 }), direct);
  const client = new SqliteClient({ adapter, log: QUERY_EVENTS });
  return client;
}

// WAL lets readers run beside the writer; NORMAL sync is durable across process crashes in WAL.
export async function tunePragmas(db: Db): Promise<void> {
  if (databaseProvider !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
}

// One client per process, shared by Next's bundle and server.ts (separate module graphs).
const key = Symbol.for("obeya.db");
type Holder = { [key]?: { db: Db; ready: Promise<void>; direct: SqliteDirect | null } };
const holder = globalThis as unknown as Holder;

function instance() {
  if (!holder[key]) {
    const direct = databaseProvider === "sqlite" ? new SqliteDirect(new Lock()) : null;
    const db = createDb(env.DATABASE_URL, direct ?? undefined);
    // Db is typed without log options; the clients are built with QUERY_EVENTS.
    (db as unknown as QueryEvents).$on("query", (e) => metrics().dbQueryDuration.observe(e.duration / 1000));
    holder[key] = { db, ready: tunePragmas(db), direct };
  }
  return holder[key];
}

export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const value = Reflect.get(instance().db, prop);
    return typeof value === "function" ? value.bind(instance().db) : value;
  },
});

export function dbReady(): Promise<void> {
  return instance().ready;
}

/** The SQLite connection for synchronous commands; null on PostgreSQL. */
export function sqliteDirect(): SqliteDirect | null {
  return instance().direct;
}
