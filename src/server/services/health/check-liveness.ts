import "server-only";
import pg from "pg";
import type { THealth } from "@/lib/schemas/http";
import { db } from "@/server/db";
import { databaseProvider, env } from "@/server/env";
import { log } from "@/server/log";

// Liveness answers one question: would restarting this process help? (decision 008)
// - The database is away (a fresh connection fails too): no. Readiness (503) already takes the
//   instance out of the load balancer, and the pool reconnects by itself when it is back;
//   restarting every instance at once would only add a storm of cold starts.
// - The pool fails while a fresh connection works, for longer than the grace period: yes.
//   Something in the process is wedged (leaked connections, a stuck driver).
// - The event loop is wedged: this handler cannot answer at all; the probe's timeout fails it.
export const LIVENESS_GRACE_MS = 30_000;
const PROBE_TIMEOUT_MS = 2_000;

const key = Symbol.for("obeya.liveness");
type State = { poolFailingSince: number | null };
const holder = globalThis as unknown as { [key]?: State };
const state = (holder[key] ??= { poolFailingSince: null });

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** One connection of its own, outside the pool: does the database answer this process at all? */
async function freshConnectionWorks(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS, query_timeout: PROBE_TIMEOUT_MS });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export type LivenessOptions = {
  graceMs?: number;
  /** The pool's own ping; defaults to SELECT 1 through the app's Prisma client. */
  pingPool?: () => Promise<unknown>;
  databaseUrl?: string;
  now?: () => number;
};

export async function checkLiveness(opts: LivenessOptions = {}): Promise<THealth> {
  const uptimeSeconds = Math.floor(process.uptime());
  if (databaseProvider !== "postgresql" && !opts.pingPool) return { status: "ok", uptimeSeconds, database: "not-checked" };
  const now = opts.now ?? Date.now;
  const graceMs = opts.graceMs ?? LIVENESS_GRACE_MS;
  const ping = opts.pingPool ?? (() => db.$queryRawUnsafe("SELECT 1"));
  const poolWorks = await withTimeout(ping(), PROBE_TIMEOUT_MS).then(
    () => true,
    () => false,
  );
  if (poolWorks) {
    state.poolFailingSince = null;
    return { status: "ok", uptimeSeconds, database: "ok" };
  }
  if (!(await freshConnectionWorks(opts.databaseUrl ?? env.DATABASE_URL))) {
    state.poolFailingSince = null;
    return { status: "ok", uptimeSeconds, database: "unreachable" };
  }
  state.poolFailingSince ??= now();
  if (now() - state.poolFailingSince < graceMs) return { status: "ok", uptimeSeconds, database: "recovering" };
  log.error({ sinceMs: now() - state.poolFailingSince }, "liveness: the database answers but the pool does not; restart this process");
  return { status: "failing", uptimeSeconds, database: "wedged" };
}

/** For tests: forget when the pool started failing. */
export function resetLiveness(): void {
  state.poolFailingSince = null;
}
