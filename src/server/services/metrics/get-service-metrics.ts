import "server-only";
import { historiesAsOf } from "@/domain/metrics/as-of";
import { doraMetrics, isProduction, type DeploymentFact, type IncidentFact } from "@/domain/metrics/dora";
import { flowReport } from "@/domain/metrics/flow-report";
import { FORECAST_RUNS, forecastDaysFor, forecastItemsWithin } from "@/domain/metrics/forecast";
import { DAY_MS, dayStart, type Period } from "@/domain/metrics/period";
import { defaultLeadTimeBounds, type MetricStage } from "@/domain/metrics/stages";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { METRICS_DEFAULT_DAYS, METRICS_MAX_DAYS, ZMetricsQuery, type TMetricsQuery, type TServiceMetrics } from "@/lib/schemas/metrics";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { parseInput } from "@/server/services/parse-input";
import { foldUpTo } from "./flow-fold";

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const iso = (t: number) => new Date(t).toISOString();
const isoDay = (t: number) => iso(t).slice(0, 10);

/**
 * The period asked for, in epoch ms: a day `from` starts at its midnight, a day `to` counts
 * whole (up to the next midnight); `to` never passes now (the numbers are history, not a
 * projection). Default: the last 90 days. At most two years; a bad one is a 400 saying why.
 */
export function resolvePeriod(q: { from?: string; to?: string }, now: number): Period {
  let to = q.to === undefined ? now : Date.parse(q.to) + (DAY_ONLY.test(q.to) ? DAY_MS : 0);
  to = Math.min(to, now);
  const from = q.from === undefined ? to - METRICS_DEFAULT_DAYS * DAY_MS : Date.parse(q.from);
  const invalid = (field: string, message: string) =>
    new AppError("VALIDATION_FAILED", message, { issues: [{ path: field, code: "custom", message }] });
  if (from >= to) {
    throw invalid("from", from >= now ? "The period starts in the future: choose a start before now." : "The period must start before it ends (`from` before `to`).");
  }
  if (to - from > METRICS_MAX_DAYS * DAY_MS) throw invalid("from", "The period is longer than two years: choose a shorter one.");
  return { from, to };
}

/** FNV-1a: a stable 32-bit seed from the question, so the same question gets the same forecast. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The metrics wall of one service for a period, computed from its event log (decision 007):
 * the value stream map, end-to-end lead and process time, cumulative flow, WIP, throughput,
 * lead-time percentiles, aging work in progress, a Monte Carlo forecast and delivery
 * performance (DORA) from the reported deployments and incidents. Needs service.view (404: missing or not yours).
 */
export async function getServiceMetrics(actor: Actor, serviceKeyOrId: string, input: TMetricsQuery = {}): Promise<TServiceMetrics> {
  const q = parseInput(ZMetricsQuery, input);
  const service = await db.service.findFirst({
    where: { AND: [{ OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }] }, visibleServiceWhere(actor)] },
    select: { id: true, key: true, name: true, teamId: true, lastSeq: true },
  });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  await assertCan(actor, "service.view", { teamId: service.teamId, serviceId: service.id });

  const nowMs = Date.now();
  const period = resolvePeriod(q, nowMs);
  const previous: Period = { from: period.from - (period.to - period.from), to: period.from };

  const span = { gte: new Date(previous.from), lt: new Date(period.to) };
  const [stageRows, deploymentRows, incidentRows, fold] = await Promise.all([
    db.stage.findMany({ where: { serviceId: service.id }, orderBy: { position: "asc" }, select: { id: true, key: true, name: true, position: true, retired: true } }),
    db.deployment.findMany({
      where: { serviceId: service.id, finishedAt: span },
      select: { id: true, environment: true, result: true, finishedAt: true, commitSha: true, firstCommitAt: true, reworkForIncidentId: true },
    }),
    // Those resolved or opened in the two periods, and those caused by their deployments.
    db.incident.findMany({
      where: { serviceId: service.id, OR: [{ openedAt: span }, { resolvedAt: span }, { causedByDeployment: { finishedAt: span } }] },
      select: { id: true, key: true, title: true, severity: true, openedAt: true, resolvedAt: true, causedByDeploymentId: true, causeLink: true },
    }),
    foldUpTo(service.id, service.lastSeq),
  ]);

  // Everything below is synchronous: the fold cannot move under the computation.
  const seq = fold.seq;
  const stages: MetricStage[] = stageRows;
  const bounds = defaultLeadTimeBounds(stages);
  // As of the period's end: a past period sees the log as it stood then.
  const asOf = period.to; // ≤ now
  const histories = asOf >= nowMs ? fold.histories : historiesAsOf(fold.histories.values(), asOf);
  const positions = new Map(stages.map((s) => [s.id, s.position]));
  const startPos = bounds ? positions.get(bounds.startStageId)! : 0;
  const donePos = bounds ? positions.get(bounds.doneStageId)! : 0;
  const report = bounds ? flowReport(histories, stages, bounds, period, asOf) : null;

  // Forecast: the next N backlog items (open, not yet committed), from the period's daily throughput.
  let backlogItems = 0;
  for (const h of histories.values()) {
    const cur = h.intervals[h.intervals.length - 1];
    if (cur && cur.end === null && (positions.get(cur.stageId) ?? Number.NEGATIVE_INFINITY) < startPos) backlogItems += 1;
  }
  const forecastItems = q.forecastItems ?? Math.min(Math.max(backlogItems, 1), 10);
  const today = dayStart(asOf);
  const forecastDate = q.forecastDate ?? isoDay(today + 30 * DAY_MS);
  const horizonDays = Math.max(0, Math.round((Date.parse(forecastDate) - today) / DAY_MS));
  const daily = report?.dailyThroughput ?? [];
  const seed = seedOf(`${service.id}|${period.from}|${period.to}|${forecastItems}|${forecastDate}`);
  const when = forecastDaysFor(forecastItems, daily, seed);
  const howMany = daily.some((n) => n > 0) ? forecastItemsWithin(horizonDays, daily, seed) : null;
  const dayAfter = (d: number) => isoDay(today + d * DAY_MS);

  // Delivery performance from the reported deployments and the recorded incidents.
  const facts: DeploymentFact[] = deploymentRows.map((d) => ({
    id: d.id,
    environment: d.environment,
    result: d.result,
    finishedAt: d.finishedAt.getTime(),
    commitAt: d.firstCommitAt?.getTime() ?? null,
    reworkForIncidentId: d.reworkForIncidentId,
  }));
  const incidentFacts: IncidentFact[] = incidentRows.map((i) => ({
    id: i.id,
    openedAt: i.openedAt.getTime(),
    resolvedAt: i.resolvedAt?.getTime() ?? null,
    causedByDeploymentId: i.causedByDeploymentId,
  }));
  const dora = doraMetrics(facts, incidentFacts, period);
  const doraBefore = doraMetrics(facts, incidentFacts, previous);
  const noDeployments = dora.deployments === 0 ? "No production deployments were reported in the period." : null;
  const inPeriod = (t: number) => t >= period.from && t < period.to;
  const failedIds = new Set(dora.changeFailureRate.failedDeploymentIds);
  const shaOf = new Map(deploymentRows.map((r) => [r.id, r.commitSha]));
  const deploymentList = facts
    .filter((d) => isProduction(d.environment) && inPeriod(d.finishedAt))
    .sort((a, b) => b.finishedAt - a.finishedAt)
    .map((d) => ({
      id: d.id,
      environment: d.environment,
      result: d.result,
      finishedAt: iso(d.finishedAt),
      commitSha: shaOf.get(d.id) ?? null,
      leadTime: d.result === "SUCCESS" && d.commitAt !== null && d.commitAt <= d.finishedAt ? d.finishedAt - d.commitAt : null,
      failed: failedIds.has(d.id),
      reworkForIncidentId: d.reworkForIncidentId,
    }));
  const incidentList = incidentRows
    .filter((i) => inPeriod(i.openedAt.getTime()) || (i.resolvedAt !== null && inPeriod(i.resolvedAt.getTime())))
    .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime())
    .map((i) => ({
      id: i.id,
      key: i.key,
      title: i.title,
      severity: i.severity,
      openedAt: iso(i.openedAt.getTime()),
      resolvedAt: i.resolvedAt ? iso(i.resolvedAt.getTime()) : null,
      recovery: i.resolvedAt ? i.resolvedAt.getTime() - i.openedAt.getTime() : null,
      causedByDeploymentId: i.causedByDeploymentId,
      causeLink: i.causeLink as "DEPLOYMENT" | "COMMIT" | "TIME_WINDOW" | null,
    }));

  const titleIds = [...new Set([...(report?.finished.map((f) => f.itemId) ?? []), ...(report?.aging.map((a) => a.itemId) ?? [])])];
  const titles = new Map<string, string>();
  for (let i = 0; i < titleIds.length; i += 5000) {
    const rows = await db.workItem.findMany({ where: { id: { in: titleIds.slice(i, i + 5000) } }, select: { id: true, title: true } });
    for (const r of rows) titles.set(r.id, r.title);
  }
  const title = (id: string) => titles.get(id) ?? "(deleted item)";

  const e2e = report?.endToEnd;
  return {
    service: { id: service.id, key: service.key, name: service.name },
    seq,
    generatedAt: iso(nowMs),
    period: { from: iso(period.from), to: iso(period.to), days: Math.ceil((period.to - period.from) / DAY_MS) },
    stages: stageRows.map((s) => ({ ...s, wip: bounds !== null && s.position >= startPos && s.position < donePos })),
    bounds,
    vsm: {
      stages: report?.vsm ?? [],
      finished: e2e?.finished ?? 0,
      leadTime: e2e?.leadTime.mean ?? null,
      processTime: e2e?.processTime ?? null,
      waitTime: e2e?.leadTime.mean != null && e2e.processTime != null ? e2e.leadTime.mean - e2e.processTime : null,
      reworkTime: e2e?.reworkTime ?? null,
      flowEfficiency: e2e?.flowEfficiency ?? null,
    },
    leadTime: {
      percentiles: { p50: e2e?.leadTime.p50 ?? null, p85: e2e?.leadTime.p85 ?? null, p95: e2e?.leadTime.p95 ?? null },
      items: (report?.finished ?? []).map((f) => ({
        itemId: f.itemId,
        title: title(f.itemId),
        doneAt: iso(f.doneAt),
        leadTime: f.leadTime,
        processTime: f.processTime,
        reworkTime: f.reworkTime,
        rejections: f.rejections,
      })),
      distribution: report?.leadTimeDistribution ?? [],
    },
    cfd: report?.cfd ?? [],
    wip: report?.wip ?? [],
    throughput: report?.throughput ?? [],
    aging: {
      items: (report?.aging ?? []).map((a) => ({ ...a, title: title(a.itemId), enteredStageAt: iso(a.enteredStageAt) })),
      stages: report?.stageHistory ?? [],
    },
    forecast: {
      runs: FORECAST_RUNS,
      seed,
      sampleDays: daily.length,
      backlogItems,
      noData: daily.some((n) => n > 0) ? null : "No item was done in the period: there is no throughput to draw from.",
      when: {
        items: forecastItems,
        days: when,
        dates: when ? { p50: dayAfter(when.p50), p85: dayAfter(when.p85), p95: dayAfter(when.p95) } : null,
      },
      howMany: { date: forecastDate, items: howMany },
    },
    dora: {
      deployments: dora.deployments,
      successfulDeployments: dora.successfulDeployments,
      deploymentFrequency: {
        perDay: dora.deploymentsPerDay,
        tier: dora.deploymentFrequencyTier,
        previousPerDay: doraBefore.deployments === 0 ? null : doraBefore.deploymentsPerDay,
        noData: noDeployments,
      },
      leadTimeForChanges: {
        ...dora.leadTimeForChanges,
        previousMedian: doraBefore.leadTimeForChanges.median,
        noData:
          noDeployments ??
          (dora.leadTimeForChanges.changes === 0
            ? "No successful production deployment in the period was reported with its first commit time (firstCommitAt)."
            : null),
      },
      changeFailureRate: {
        percent: dora.changeFailureRate.percent,
        failed: dora.changeFailureRate.failed,
        tier: dora.changeFailureRate.tier,
        previousPercent: doraBefore.changeFailureRate.percent,
        failedDeploymentIds: dora.changeFailureRate.failedDeploymentIds,
        noData: noDeployments,
      },
      recoveryTime: {
        median: dora.recoveryTime.median,
        p85: dora.recoveryTime.p85,
        incidents: dora.recoveryTime.incidents,
        tier: dora.recoveryTime.tier,
        previousMedian: doraBefore.recoveryTime.median,
        incidentIds: dora.recoveryTime.incidentIds,
        noData: dora.recoveryTime.incidents === 0 ? "No incidents were resolved in the period." : null,
      },
      reworkRate: {
        percent: dora.reworkRate.percent,
        rework: dora.reworkRate.rework,
        previousPercent: doraBefore.reworkRate.percent,
        deploymentIds: dora.reworkRate.deploymentIds,
        noData: noDeployments,
      },
      deploymentList,
      incidentList,
    },
  };
}
