import "server-only";

// Errors that mean "the database is away or overloaded right now", as opposed to a bug or a
// rule: the HTTP layer answers them 503 with Retry-After instead of 500 (decision 008).

// SQLSTATE classes: 08 connection exception; 53300 too many connections; 57P01-03 admin or
// crash shutdown, cannot connect now; 57014 statement timeout (query_canceled).
const PG_CODES = /^(08\w{3}|53300|57P0[123]|57014)$/;
// Prisma: can't reach (P1001), timed out (P1002, P1008), server closed the connection (P1017),
// no free connection in time (P2024), transaction could not start or was lost (P2028).
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
// Driver adapter error kinds (@prisma/driver-adapter-utils) for a lost or unreachable server.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionAlreadyClosed"]);
// pg and pg-pool throw plain Errors for these; SQLite's busy timeout ran out.
const MESSAGES =
  /not queryable|Connection terminated|timeout exceeded when trying to connect|Query read timeout|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|Transaction already closed|Unable to start a transaction|not currently accepting connections|the database system is (starting up|shutting down)|database is locked|SQLITE_BUSY/i;

type Inspectable = { code?: unknown; kind?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: unknown };

function* chain(e: unknown): Generator<Inspectable> {
  const seen = new Set<unknown>();
  const queue: unknown[] = [e];
  while (queue.length > 0) {
    const item = queue.shift();
    if (!item || typeof item !== "object" || seen.has(item)) continue;
    seen.add(item);
    const x = item as Inspectable;
    yield x;
    queue.push(x.cause);
    const meta = x.meta as { driverAdapterError?: unknown } | undefined;
    if (meta && typeof meta === "object") queue.push(meta.driverAdapterError);
  }
}

/** True when `e` (or anything it wraps) says the database cannot be used right now. */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (const x of chain(e)) {
    if (typeof x.code === "string" && (PRISMA_CODES.has(x.code) || PG_CODES.test(x.code))) return true;
    if (typeof x.originalCode === "string" && PG_CODES.test(x.originalCode)) return true;
    if (typeof x.kind === "string" && ADAPTER_KINDS.has(x.kind)) return true;
    if (typeof x.message === "string" && MESSAGES.test(x.message)) return true;
  }
  return false;
}

/** Seconds a client should wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
