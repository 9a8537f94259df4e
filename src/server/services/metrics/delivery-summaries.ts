import "server-only";
import { deliverySummary, deliveryWindow, type DeliverySummary } from "@/domain/metrics/delivery-summary";
import type { DeploymentFact } from "@/domain/metrics/dora";
import type { MetricStage } from "@/domain/metrics/stages";
import { foldUpTo } from "./flow-fold";

/**
 * Lead time and delivery tier per service for the portfolio, from the metrics wall's own fold
 * (flow-fold.ts): a service's summary is kept with the seq it was computed at, so a portfolio read
 * folds only the services whose log moved since the last read (a few events each, when the fold
 * is still cached), never 200 whole logs; the first read after a start folds each service once.
 * A summary is also recomputed after ten minutes without events, as its 30-day window slides.
 */
type Entry = { seq: number; at: number; summary: DeliverySummary };

const FRESH_MS = 10 * 60_000;
const MAX_ENTRIES = 20_000;
// Folds read the database: a few at a time, so a cold portfolio does not take every connection.
const CONCURRENCY = 4;

const key = Symbol.for("obeya.portfolio.delivery");
const g = globalThis as unknown as { [key]?: Map<string, Entry> };
const cache = (g[key] ??= new Map());

export type DeliveryInput = { id: string; lastSeq: number; stages: readonly MetricStage[]; deployments: readonly DeploymentFact[] };

export async function deliverySummaries(services: readonly DeliveryInput[], now: number): Promise<Map<string, DeliverySummary>> {
  const out = new Map<string, DeliverySummary>();
  const stale: DeliveryInput[] = [];
  for (const s of services) {
    const hit = cache.get(s.id);
    if (hit && hit.seq === s.lastSeq && now - hit.at < FRESH_MS) out.set(s.id, hit.summary);
    else stale.push(s);
  }
  const window = deliveryWindow(now);
  let next = 0;
  const worker = async () => {
    while (next < stale.length) {
      const s = stale[next++]!;
      const fold = await foldUpTo(s.id, s.lastSeq);
      const summary = deliverySummary(fold.histories.values(), s.stages, s.deployments, window);
      cache.delete(s.id);
      cache.set(s.id, { seq: s.lastSeq, at: now, summary });
      out.set(s.id, summary);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, stale.length) }, worker));
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return out;
}

/** Forgets every summary (tests that replace the database). */
export function clearDeliverySummaries(): void {
  cache.clear();
}
