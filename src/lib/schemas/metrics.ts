// The metrics wall's contract (issue 11): the period asked for and the one document answered.
// Definitions of every number: docs/decisions/007-flow-metrics.md. Durations are milliseconds,
// instants ISO 8601 UTC, days YYYY-MM-DD (UTC).
import { z } from "zod";

export const METRICS_DEFAULT_DAYS = 90;
export const METRICS_MAX_DAYS = 731; // two years (one of them may be a leap year)
export const METRICS_CHARTS = ["vsm", "cfd", "wip", "throughput", "lead-time", "aging", "forecast", "dora"] as const;
export type MetricsChart = (typeof METRICS_CHARTS)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
// A day (YYYY-MM-DD, UTC) or an ISO 8601 instant with its zone.
const ZInstant = z
  .string()
  .trim()
  .refine((s) => (DAY.test(s) || /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(s)) && Number.isFinite(Date.parse(s)), {
    message: "Use a date (2026-11-30) or an ISO 8601 time with its zone (2026-11-30T12:00:00Z)",
  });

export const ZMetricsQuery = z
  .object({
    from: ZInstant.optional().describe(`Start of the period (a date starts at 00:00 UTC). Default: ${METRICS_DEFAULT_DAYS} days before \`to\``),
    to: ZInstant.optional().describe("End of the period, exclusive (a date counts whole: up to the next midnight UTC). Default and latest: now"),
    forecastItems: z.coerce.number().int().min(1).max(10_000).optional().describe("Forecast: when will this many items be done? Default: the backlog, at most 10"),
    forecastDate: z
      .string()
      .trim()
      .regex(DAY, "Use a date such as 2026-12-31")
      .refine((s) => Number.isFinite(Date.parse(s)), "Not a real date")
      .optional()
      .describe("Forecast: how many items by this day (end of day, UTC)? Default: 30 days from now"),
    format: z.enum(["json", "csv"]).default("json").describe("csv answers one chart's data as text/csv (name it with `chart`)"),
    chart: z.enum(METRICS_CHARTS).optional().describe("With format=csv: which chart's table"),
  })
  .refine((q) => q.format !== "csv" || q.chart !== undefined, { path: ["chart"], message: `Name the chart to download: ${METRICS_CHARTS.join(", ")}` });
export type TMetricsQuery = z.input<typeof ZMetricsQuery>;

const ms = z.number().describe("milliseconds");
const msOrNull = z.number().nullable().describe("milliseconds; null: no data");
const ZPercentiles = z.object({ p50: msOrNull, p85: msOrNull, p95: msOrNull });
const ZTier = z.enum(["elite", "high", "medium", "low"]).nullable();

const ZNoData = z.string().nullable().describe("Why there is no number (null when there is one)");

export const ZServiceMetrics = z
  .object({
    service: z.object({ id: z.string(), key: z.string(), name: z.string() }),
    seq: z.number().int().describe("The last event the numbers include: a live page refetches after newer ones"),
    generatedAt: z.string(),
    period: z.object({ from: z.string(), to: z.string(), days: z.number().int() }),
    stages: z.array(
      z.object({
        id: z.string(),
        key: z.string(),
        name: z.string(),
        position: z.number().int(),
        retired: z.boolean(),
        wip: z.boolean().describe("Between the start stage (included) and the done stage (excluded): counts as work in progress"),
      }),
    ),
    bounds: z.object({ startStageId: z.string(), doneStageId: z.string() }).nullable().describe("Lead time runs from entering the start stage to entering the done stage"),
    vsm: z.object({
      stages: z.array(
        z.object({
          stageId: z.string(),
          name: z.string(),
          retired: z.boolean(),
          processTime: ms,
          waitTime: ms,
          blockedTime: ms,
          queuedTime: ms,
          doneWaitingTime: ms,
          avgProcessTime: msOrNull,
          avgWaitTime: msOrNull,
          itemsThrough: z.number().int(),
          percentCompleteAccurate: z.number().nullable(),
          sentBack: z.number().int(),
        }),
      ),
      finished: z.number().int().describe("Items done in the period"),
      leadTime: msOrNull.describe("Mean lead time of the items done in the period"),
      processTime: msOrNull.describe("Mean process time of those items"),
      waitTime: msOrNull.describe("Mean lead time minus mean process time"),
      reworkTime: msOrNull,
      flowEfficiency: z.number().nullable().describe("Σ process ÷ Σ lead time, in %"),
    }),
    leadTime: z.object({
      percentiles: ZPercentiles,
      items: z.array(
        z.object({
          itemId: z.string(),
          title: z.string(),
          doneAt: z.string(),
          leadTime: ms,
          processTime: ms,
          reworkTime: ms,
          rejections: z.number().int(),
        }),
      ),
      distribution: z.array(z.object({ fromDays: z.number().int(), toDays: z.number().int(), items: z.number().int() })),
    }),
    cfd: z.array(z.object({ day: z.string(), counts: z.record(z.string(), z.number().int()).describe("stage id → items in it at the end of the day") })),
    wip: z.array(z.object({ day: z.string(), wip: z.number().int() })),
    throughput: z.array(z.object({ week: z.string(), weekStart: z.string(), items: z.number().int(), partial: z.boolean() })),
    aging: z.object({
      items: z.array(
        z.object({
          itemId: z.string(),
          title: z.string(),
          stageId: z.string(),
          ageInStage: ms,
          enteredStageAt: z.string(),
          beyond: z.enum(["p50", "p85", "p95"]).nullable().describe("The highest percentile of the stage's history the age passed"),
        }),
      ),
      stages: z.array(z.object({ stageId: z.string(), completedStays: z.number().int(), p50: msOrNull, p85: msOrNull, p95: msOrNull })),
    }),
    forecast: z.object({
      runs: z.number().int(),
      seed: z.number().int(),
      sampleDays: z.number().int().describe("Days of throughput the runs draw from (the period's)"),
      backlogItems: z.number().int().describe("Open items not yet committed (before the start stage)"),
      noData: ZNoData,
      when: z.object({
        items: z.number().int(),
        days: z.object({ p50: z.number().int(), p85: z.number().int(), p95: z.number().int() }).nullable(),
        dates: z.object({ p50: z.string(), p85: z.string(), p95: z.string() }).nullable().describe("Done by the end of this day (UTC)"),
      }),
      howMany: z.object({
        date: z.string(),
        items: z.object({ p50: z.number().int(), p85: z.number().int(), p95: z.number().int() }).nullable(),
      }),
    }),
    dora: z.object({
      deployments: z.number().int(),
      successfulDeployments: z.number().int(),
      deploymentFrequency: z.object({ perDay: z.number(), tier: ZTier, previousPerDay: z.number().nullable(), noData: ZNoData }),
      leadTimeForChanges: z.object({
        median: msOrNull,
        p85: msOrNull,
        changes: z.number().int(),
        tier: ZTier,
        previousMedian: msOrNull,
        deploymentIds: z.array(z.string()).describe("The successful production deployments measured (they carried a first commit time)"),
        noData: ZNoData,
      }),
      changeFailureRate: z.object({
        percent: z.number().nullable(),
        failed: z.number().int(),
        tier: ZTier,
        previousPercent: z.number().nullable(),
        failedDeploymentIds: z.array(z.string()),
        noData: ZNoData,
      }),
      recoveryTime: z.object({
        median: msOrNull,
        p85: msOrNull,
        incidents: z.number().int(),
        tier: ZTier,
        previousMedian: msOrNull,
        incidentIds: z.array(z.string()).describe("The incidents resolved in the period"),
        noData: ZNoData,
      }),
      reworkRate: z.object({
        percent: z.number().nullable(),
        rework: z.number().int(),
        previousPercent: z.number().nullable(),
        deploymentIds: z.array(z.string()).describe("Production deployments made because of an incident"),
        noData: ZNoData,
      }),
      // What the four keys were computed from, each row traceable to its event
      // (deployment.reported, incident.opened, incident.resolved carry these ids).
      deploymentList: z
        .array(
          z.object({
            id: z.string(),
            environment: z.string(),
            result: z.enum(["SUCCESS", "FAILURE"]),
            finishedAt: z.string(),
            commitSha: z.string().nullable(),
            leadTime: msOrNull.describe("First commit → finished; null without a first commit time"),
            failed: z.boolean().describe("Counted as a change failure: it failed, or an incident was caused by it"),
            reworkForIncidentId: z.string().nullable(),
          }),
        )
        .describe("Production deployments finished in the period, newest first"),
      incidentList: z
        .array(
          z.object({
            id: z.string(),
            key: z.string(),
            title: z.string(),
            severity: z.string().nullable(),
            openedAt: z.string(),
            resolvedAt: z.string().nullable(),
            recovery: msOrNull.describe("Opened → resolved; null while open"),
            causedByDeploymentId: z.string().nullable(),
            causeLink: z.enum(["DEPLOYMENT", "COMMIT", "TIME_WINDOW"]).nullable(),
          }),
        )
        .describe("Incidents opened or resolved in the period, newest first"),
    }),
  })
  .meta({ id: "ServiceMetrics" });
export type TServiceMetrics = z.infer<typeof ZServiceMetrics>;
