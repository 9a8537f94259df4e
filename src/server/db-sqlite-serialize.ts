import "server-only";
import type Database from "better-sqlite3";

// The better-sqlite3 driver adapter shares ONE connection between interactive transactions and
// plain queries, and only transactions take its lock. A plain query issued while another
// request's transaction is open would run inside that transaction: it could read uncommitted
// rows, and a write would be lost if that transaction rolled back. This wrapper makes plain
// queries wait for the open transaction, so every statement belongs to exactly one unit of work.

type Queryable = { queryRaw(q: unknown): Promise<unknown>; executeRaw(q: unknown): Promise<unknown> };
type Tx = Queryable & { commit(): Promise<void>; rollback(): Promise<void> };
type Adapter = Queryable & {
  startTransaction(iso?: unknown): Promise<Tx>;
  executeScript(s: string): Promise<void>;
};
type Factory = { connect(): Promise<Adapter> };

export class Lock {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

/**
 * The adapter's own connection, for work that runs as ONE synchronous better-sqlite3
 * transaction (change-stage-sqlite.ts): it takes the same lock as Prisma's queries and
 * transactions, and being synchronous, nothing else can run on the connection meanwhile.
 */
export class SqliteDirect {
  conn: Database.Database | null = null;
  constructor(readonly lock: Lock) {}

  /** null until Prisma has connected (the first query connects). */
  async run<R>(fn: (conn: Database.Database) => R): Promise<R | null> {
    if (!this.conn) return null;
    const release = await this.lock.acquire();
    try {
      return fn(this.conn);
    } finally {
      release();
    }
  }

  /**
   * Synchronous reads on the connection from INSIDE an open Prisma interactive transaction: that
   * transaction holds the lock and the connection, so these statements belong to it and see the
   * same moment (get-wall-snapshot.ts). null until Prisma has connected.
   */
  inOpenTransaction<R>(fn: (conn: Database.Database) => R): R | null {
    if (!this.conn) return null;
    if (!this.conn.inTransaction) throw new Error("SqliteDirect.inOpenTransaction called outside a transaction");
    return fn(this.conn);
  }
}

export function serializeSqliteAdapter<F extends object>(factory: F, direct = new SqliteDirect(new Lock())): F {
  const lock = direct.lock;
  const wrapAdapter = (inner: Adapter): Adapter => {
    // The better-sqlite3 adapter keeps its connection as `client`.
    const conn = (inner as unknown as { client?: Database.Database }).client;
    if (conn) direct.conn = conn;
    return new Proxy(inner, {
      get(target, prop, receiver) {
        if (prop === "queryRaw" || prop === "executeRaw" || prop === "executeScript") {
          return async (arg: never) => {
            const release = await lock.acquire();
            try {
              return await (target[prop] as (a: never) => Promise<unknown>).call(target, arg);
            } finally {
              release();
            }
          };
        }
        if (prop === "startTransaction") {
          return async (iso?: unknown) => {
            const release = await lock.acquire();
            try {
              const tx = await target.startTransaction(iso);
              let done = false;
              const finish = (fn: "commit" | "rollback") => async () => {
                try {
                  await tx[fn]();
                } finally {
                  if (!done) {
                    done = true;
                    release();
                  }
                }
              };
              return new Proxy(tx, {
                get(t, p, r) {
                  if (p === "commit" || p === "rollback") return finish(p);
                  const v = Reflect.get(t, p, r);
                  return typeof v === "function" ? v.bind(t) : v;
                },
              });
            } catch (e) {
              release();
              throw e;
            }
          };
        }
        const v = Reflect.get(target, prop, receiver);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  };
  return new Proxy(factory, {
    get(target, prop, receiver) {
      if (prop === "connect") {
        return async () => wrapAdapter(await (target as unknown as Factory).connect());
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
