import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

// Work that must not run inside the current transaction (e.g. recording a denied attempt, which
// has to survive the rollback that follows it). On SQLite a write outside the transaction would
// wait for it to finish: deferring it avoids that deadlock on every provider alike.
type Scope = { deferred: Array<() => Promise<unknown>> };
const storage = new AsyncLocalStorage<Scope>();

export function withTransactionScope<R>(fn: () => Promise<R>): Promise<R> {
  const scope: Scope = { deferred: [] };
  return storage.run(scope, async () => {
    try {
      return await fn();
    } finally {
      for (const task of scope.deferred) await task().catch(() => undefined);
    }
  });
}

/** Runs `task` now, or after the enclosing transaction ended (committed or rolled back). */
export async function afterTransaction(task: () => Promise<unknown>): Promise<void> {
  const scope = storage.getStore();
  if (scope) scope.deferred.push(task);
  else await task().catch(() => undefined);
}
