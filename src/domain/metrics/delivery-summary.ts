// What a portfolio row says of a service's delivery: the end-to-end lead time of the items done in
// the last days (the metrics wall's own lead time: committed → done, src/domain/metrics/lead-time.ts)
// and the delivery tier, DORA's deployment frequency tier from the production deployments reported
// in the same days (src/domain/metrics/dora.ts). Pure: the fold and the deployments come in.
import { doraMetrics, type DeploymentFact, type Tier } from "./dora";
import type { ItemHistory } from "./history";
import { finishedInPeriod, itemFlow } from "./lead-time";
import { DAY_MS, type Period } from "./period";
import { percentile } from "./percentiles";
import { defaultLeadTimeBounds, type MetricStage } from "./stages";

/** The window a portfolio row looks back over. */
export const DELIVERY_SUMMARY_DAYS = 30;

export type DeliverySummary = {
  /** Median end-to-end lead time of the items done in the window, ms (null: none done). */
  leadTimeP50: number | null;
  /** Items done in the window. */
  finished: number;
  /** DORA deployment frequency tier (null: no production deployment reported in the window). */
  tier: Tier | null;
  /** Successful production deployments in the window. */
  deployments: number;
};

/** The last `days` days up to and including `now` (a period is [from, to): an item done in this very millisecond counts). */
export function deliveryWindow(now: number, days = DELIVERY_SUMMARY_DAYS): Period {
  return { from: now - days * DAY_MS, to: now + 1 };
}

export function deliverySummary(
  histories: Iterable<ItemHistory>,
  stages: readonly MetricStage[],
  deployments: readonly DeploymentFact[],
  period: Period,
): DeliverySummary {
  const bounds = defaultLeadTimeBounds(stages);
  const leads: number[] = [];
  if (bounds) {
    const positions = new Map(stages.map((s) => [s.id, s.position]));
    const flows = [];
    for (const h of histories) flows.push(itemFlow(h, bounds, positions, period.to));
    for (const f of finishedInPeriod(flows, period)) if (f.leadTime !== null) leads.push(f.leadTime);
  }
  const dora = doraMetrics(deployments, [], period);
  return { leadTimeP50: percentile(leads, 50), finished: leads.length, tier: dora.deploymentFrequencyTier, deployments: dora.successfulDeployments };
}
