import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

// The time a command happens at. Always the real time, except inside `atTime`: the demo seed
// replays a team's past weeks through the ordinary commands, so every card's entry into its
// stage is an Event with its past timestamp (and the wall's ages, the metrics wall's histories
// and the "waiting too long" problems all read the same history). Nothing else calls atTime.
const pinned = new AsyncLocalStorage<number>();

export function now(): Date {
  const at = pinned.getStore();
  return new Date(at ?? Date.now());
}

/** Runs `work` with `now()` answering `time` (the demo seed only). */
export function atTime<R>(time: Date, work: () => Promise<R>): Promise<R> {
  return pinned.run(time.getTime(), work);
}
