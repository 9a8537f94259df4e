import "server-only";
import pg from "pg";
import { log } from "./log";

// The PostgreSQL pool, built here rather than by @prisma/adapter-pg so that a lost database
// never wedges the process (issue 9, decision 008). Every wait has an end:
// - connecting and waiting for a free client from the pool both give up after CONNECT_TIMEOUT_MS,
//   so a request fails (503) instead of queueing forever;
// - a statement runs at most STATEMENT_TIMEOUT_MS on the server and QUERY_TIMEOUT_MS on the
//   client (a half-open socket that never answers counts too);
// - a session idle inside a transaction is ended by the server, so a lost client cannot hold
//   row locks.
// A client whose connection broke is discarded: pg-pool drops clients that are no longer
// queryable on release, and a client that is never released (a Prisma transaction whose
// connection died under it) is ended by the leak guard below.
export const PG_POOL_LIMITS = {
  max: 10,
  connectTimeoutMs: 3_000,
  statementTimeoutMs: 20_000,
  queryTimeoutMs: 25_000,
  idleInTransactionMs: 30_000,
  idleMs: 30_000,
  // Longer than any transaction may run (runCommand: 15 s + 30 s maxWait), so only a leak hits it.
  leakMs: 60_000,
} as const;

type Limits = { [K in keyof typeof PG_POOL_LIMITS]: number };
type Tracked = pg.PoolClient & { obeyaCheckedOutAt?: number };

export function createPgPool(connectionString: string, limits: Partial<Limits> = {}): pg.Pool {
  const l = { ...PG_POOL_LIMITS, ...limits };
  const pool = new pg.Pool({
    connectionString,
    max: l.max,
    connectionTimeoutMillis: l.connectTimeoutMs,
    idleTimeoutMillis: l.idleMs,
    statement_timeout: l.statementTimeoutMs,
    query_timeout: l.queryTimeoutMs,
    idle_in_transaction_session_timeout: l.idleInTransactionMs,
    keepAlive: true,
  });
  // An idle client whose backend was terminated: pg-pool removes it; we only log.
  pool.on("error", (err) => log.warn({ err: err.message }, "db: idle connection lost"));
  pool.on("connect", (client) => {
    // A checked-out client's socket error has no listener of its own between queries: without
    // this one Node would treat it as an unhandled 'error' event and crash the process.
    client.on("error", (err) => log.warn({ err: err.message }, "db: connection lost"));
  });
  pool.on("acquire", (client) => {
    (client as Tracked).obeyaCheckedOutAt = Date.now();
  });
  pool.on("release", (_err, client) => {
    (client as Tracked).obeyaCheckedOutAt = undefined;
  });
  // The adapter checks clients out with the promise form of connect() for transactions.
  const connect = pool.connect.bind(pool) as (cb?: unknown) => Promise<pg.PoolClient> | void;
  pool.connect = ((cb?: unknown) => (cb ? connect(cb) : (connect() as Promise<pg.PoolClient>).then(releaseWhenBroken))) as typeof pool.connect;
  const guard = setInterval(() => endLeakedClients(pool, l.leakMs), Math.min(l.leakMs, 10_000));
  guard.unref();
  const end = pool.end.bind(pool);
  pool.end = ((...args: Parameters<typeof end>) => {
    clearInterval(guard);
    return end(...args);
  }) as typeof pool.end;
  return pool;
}

/**
 * A client whose connection dies while checked out goes back to the pool at once (which ends
 * and drops it). Prisma does not release a transaction's client when its ROLLBACK fails on a
 * dead connection: without this, every cut leaked a client until the pool had none left and
 * every request waited forever (issue 9). Later release() calls by the holder are no-ops.
 */
function releaseWhenBroken(client: pg.PoolClient): pg.PoolClient {
  const release = client.release.bind(client);
  let released = false;
  const releaseOnce = (err?: Error | boolean) => {
    if (released) return;
    released = true;
    client.removeListener("error", onBroken);
    client.removeListener("end", onEnded);
    release(err);
  };
  const onBroken = (err: Error) => releaseOnce(err);
  const onEnded = () => releaseOnce(new Error("connection ended"));
  client.on("error", onBroken);
  client.once("end", onEnded);
  client.release = releaseOnce;
  return client;
}

/** Clients checked out far longer than any transaction may last: end their connection. */
function endLeakedClients(pool: pg.Pool, leakMs: number): void {
  const clients = (pool as unknown as { _clients: Tracked[] })._clients ?? [];
  const now = Date.now();
  for (const client of clients) {
    if (client.obeyaCheckedOutAt !== undefined && now - client.obeyaCheckedOutAt > leakMs) {
      log.error({ heldMs: now - client.obeyaCheckedOutAt }, "db: connection held too long; ending it");
      client.obeyaCheckedOutAt = undefined;
      // Ending the socket makes the client unqueryable: its holder gets an error, and the pool
      // drops it on release (or it stays out of the count once ended).
      (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    }
  }
}
