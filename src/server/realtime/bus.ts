import "server-only";
import { EventEmitter } from "node:events";
import type { ObeyaEvent } from "@/lib/events";
import { metrics } from "@/server/observability/metrics";

// The hand-off from the write path to the realtime hub. Lives on globalThis because Next.js
// bundles route handlers into a module graph of their own, apart from server.ts.
const key = Symbol.for("obeya.eventBus");
type Holder = { [key]?: EventEmitter };
const holder = globalThis as unknown as Holder;

export function eventBus(): EventEmitter {
  if (!holder[key]) {
    holder[key] = new EventEmitter();
    holder[key].setMaxListeners(100);
  }
  return holder[key];
}

/** Called only after the transaction that wrote these events has committed. */
export function publishCommitted(events: readonly ObeyaEvent[]): void {
  if (events.length === 0) return;
  metrics().eventsCommitted.inc(events.length);
  eventBus().emit("committed", events);
}

export function onCommitted(listener: (events: readonly ObeyaEvent[]) => void): () => void {
  eventBus().on("committed", listener);
  return () => eventBus().off("committed", listener);
}
