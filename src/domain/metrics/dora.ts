// Delivery performance: DORA's four keys and deployment rework rate, per period.
//
// Tiers follow the software delivery performance clusters published in the 2024 Accelerate State
// of DevOps Report (DORA, Google Cloud, October 2024, "Software delivery performance levels"):
//   elite:  deploy on demand (multiple per day); change lead time < 1 day;  change fail rate 5%;  recovery < 1 hour
//   high:   once per day – once per week;        1 day – 1 week;            20%;                  < 1 day
//   medium: once per week – once per month;      1 week – 1 month;          10%;                  < 1 day
//   low:    once per month – once per 6 months;  1 month – 6 months;        40%;                  1 week – 1 month
// The clusters are survey clusters, not per-metric bands, so two readings are ours (and said here):
// - change fail rate: the published values are not ordered (high 20% > medium 10%); a rate takes
//   the tier whose published value is nearest, ties to the better tier;
// - recovery time: high and medium share "< 1 day", so < 1 day is high; 1 day or more is low.
// Deployment rework rate (added by DORA in 2024) has no published clusters: no tier.
import { percentile } from "./percentiles";
import { DAY_MS, HOUR_MS, type Period } from "./period";

export type Tier = "elite" | "high" | "medium" | "low";

export type DeploymentFact = {
  id: string;
  environment: string;
  result: "SUCCESS" | "FAILURE";
  finishedAt: number;
  commitAt: number | null; // the change's commit time, for lead time for changes
  reworkForIncidentId: string | null; // an unplanned deployment made because of this incident
};

export type IncidentFact = {
  id: string;
  openedAt: number;
  resolvedAt: number | null;
  causedByDeploymentId: string | null;
};

/** Production is where DORA measures: an environment named production or prod (any case). */
export function isProduction(environment: string): boolean {
  return /^prod(uction)?$/i.test(environment.trim());
}

export type DoraMetrics = {
  deployments: number; // production deployments in the period (any result)
  successfulDeployments: number;
  deploymentsPerDay: number;
  deploymentFrequencyTier: Tier | null;
  leadTimeForChanges: { median: number | null; p85: number | null; changes: number; tier: Tier | null; deploymentIds: string[] };
  changeFailureRate: { failed: number; deployments: number; percent: number | null; tier: Tier | null; failedDeploymentIds: string[] };
  recoveryTime: { median: number | null; p85: number | null; incidents: number; tier: Tier | null; incidentIds: string[] };
  reworkRate: { rework: number; deployments: number; percent: number | null; deploymentIds: string[] };
};

export function doraMetrics(allDeployments: readonly DeploymentFact[], incidents: readonly IncidentFact[], period: Period): DoraMetrics {
  const inPeriod = (t: number) => t >= period.from && t < period.to;
  const prod = allDeployments.filter((d) => isProduction(d.environment) && inPeriod(d.finishedAt));
  const ok = prod.filter((d) => d.result === "SUCCESS");
  const days = Math.max((period.to - period.from) / DAY_MS, 1 / 24);
  const perDay = ok.length / days;

  const withCommit = ok.filter((d) => d.commitAt !== null && d.commitAt <= d.finishedAt);
  const leadTimes = withCommit.map((d) => d.finishedAt - d.commitAt!);
  const medianLead = percentile(leadTimes, 50);

  // Counted per deployment (a deployment that failed and caused two incidents is one failure),
  // so the rate can never pass 100%.
  const causedIncident = new Set(incidents.map((i) => i.causedByDeploymentId).filter((id): id is string => id !== null));
  const failed = prod.filter((d) => d.result === "FAILURE" || causedIncident.has(d.id));
  const cfr = prod.length === 0 ? null : (failed.length / prod.length) * 100;

  const resolved = incidents.filter((i) => i.resolvedAt !== null && inPeriod(i.resolvedAt) && i.resolvedAt >= i.openedAt);
  const recovery = resolved.map((i) => i.resolvedAt! - i.openedAt);
  const medianRecovery = percentile(recovery, 50);

  const rework = prod.filter((d) => d.reworkForIncidentId !== null);

  return {
    deployments: prod.length,
    successfulDeployments: ok.length,
    deploymentsPerDay: perDay,
    deploymentFrequencyTier: prod.length === 0 ? null : deploymentFrequencyTier(perDay),
    leadTimeForChanges: {
      median: medianLead,
      p85: percentile(leadTimes, 85),
      changes: leadTimes.length,
      tier: medianLead === null ? null : leadTimeTier(medianLead),
      deploymentIds: withCommit.map((d) => d.id),
    },
    changeFailureRate: { failed: failed.length, deployments: prod.length, percent: cfr, tier: cfr === null ? null : changeFailureTier(cfr), failedDeploymentIds: failed.map((d) => d.id) },
    recoveryTime: {
      median: medianRecovery,
      p85: percentile(recovery, 85),
      incidents: resolved.length,
      tier: medianRecovery === null ? null : recoveryTier(medianRecovery),
      incidentIds: resolved.map((i) => i.id),
    },
    reworkRate: {
      rework: rework.length,
      deployments: prod.length,
      percent: prod.length === 0 ? null : (rework.length / prod.length) * 100,
      deploymentIds: rework.map((d) => d.id),
    },
  };
}

/** Deployments per day → tier: ≥ 1/day elite ("multiple per day" is on demand), ≥ 1/week high, ≥ 1/month medium. */
export function deploymentFrequencyTier(perDay: number): Tier {
  if (perDay >= 1) return "elite";
  if (perDay >= 1 / 7) return "high";
  if (perDay >= 1 / 30) return "medium";
  return "low";
}

/** Median commit → production: < 1 day elite, ≤ 1 week high, ≤ 1 month (30 days) medium, else low. */
export function leadTimeTier(ms: number): Tier {
  if (ms < DAY_MS) return "elite";
  if (ms <= 7 * DAY_MS) return "high";
  if (ms <= 30 * DAY_MS) return "medium";
  return "low";
}

const CFR_CLUSTERS: readonly [Tier, number][] = [
  ["elite", 5],
  ["medium", 10],
  ["high", 20],
  ["low", 40],
];
const TIER_ORDER: Record<Tier, number> = { elite: 0, high: 1, medium: 2, low: 3 };

/** Nearest published cluster value; ties go to the better tier. */
export function changeFailureTier(percent: number): Tier {
  let best: [Tier, number] | null = null;
  for (const [tier, value] of CFR_CLUSTERS) {
    const distance = Math.abs(percent - value);
    if (!best || distance < best[1] || (distance === best[1] && TIER_ORDER[tier] < TIER_ORDER[best[0]])) best = [tier, distance];
  }
  return best![0];
}

/** Median incident opened → resolved: < 1 hour elite, < 1 day high, else low (see above). */
export function recoveryTier(ms: number): Tier {
  if (ms < HOUR_MS) return "elite";
  if (ms < DAY_MS) return "high";
  return "low";
}
