// The service wall's HTTP contract (issue 12): requests parsed at the boundary and the wall's
// read model. Percentages stay within 0–100, times and costs are never negative.
import { z } from "zod";
import { END_OF_LIFE_DECISIONS, SERVICE_STATUSES } from "@/domain/end-of-life";
import { MRI_KINDS } from "@/domain/mri";
import { WINDOW_DAYS } from "@/domain/service-levels";
import { ZStageProblem } from "./wall";
import { ZId, ZVersion } from "./common";

const ZIso = z.iso.datetime({ offset: true }).describe("ISO 8601 date-time");
const ZPercent = z.number().min(0, "must be between 0 and 100").max(100, "must be between 0 and 100");
const ZMinutes = z.number().min(0, "must not be negative").max(525_600, "must be at most a year");
const ZMoney = z.number().min(0, "must not be negative").max(1e12).describe("In the organisation's currency");
const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM").describe("YYYY-MM (UTC)");
const ZText = (max: number) => z.string().trim().max(max);
export const ZMriKind = z.enum(MRI_KINDS);

export const ZPutMriEntryRequest = z
  .object({
    content: ZText(20_000).min(1, "say what the entry holds"),
    ownerId: ZId.nullable().default(null).describe("Who keeps it (a member of the team)"),
    reviewIntervalDays: z.number().int().min(1).max(3650).default(90),
    expectedVersion: ZVersion.optional().describe("Required when the entry exists (the version you saw)"),
  })
  .meta({ id: "PutMriEntryRequest" });
export type TPutMriEntryRequest = z.input<typeof ZPutMriEntryRequest>;

export const ZVersionedRequest = z.object({ expectedVersion: ZVersion }).meta({ id: "VersionedRequest" });
export type TVersionedRequest = z.input<typeof ZVersionedRequest>;

export const ZSetMriRequiredRequest = z
  .object({ kinds: z.array(ZMriKind).max(11), expectedVersion: ZVersion.describe("The service's version") })
  .meta({ id: "SetMriRequiredRequest" });
export type TSetMriRequiredRequest = z.input<typeof ZSetMriRequiredRequest>;

export const ZCreateServiceLevelRequest = z
  .object({
    kind: z.enum(["SLA", "OLA"]),
    name: ZText(120).min(1),
    target: z.number().min(0, "must not be negative"),
    unit: z.enum(["%", "minutes", "hours"]),
    higherIsBetter: z.boolean().optional().describe("Default: true for %, false for times"),
    windowDays: z.union([z.literal(WINDOW_DAYS[0]), z.literal(WINDOW_DAYS[1])]).default(30),
    supportHours: ZText(120).default(""),
    operationsStoryId: ZId.nullable().default(null).describe("The operations story it comes from"),
  })
  .refine((v) => v.unit !== "%" || v.target <= 100, { message: "a percentage must be between 0 and 100", path: ["target"] })
  .meta({ id: "CreateServiceLevelRequest" });
export type TCreateServiceLevelRequest = z.input<typeof ZCreateServiceLevelRequest>;

export const ZAvailabilitySampleInput = z
  .object({ periodStart: ZIso, periodEnd: ZIso, availabilityPercent: ZPercent })
  .refine((s) => Date.parse(s.periodEnd) > Date.parse(s.periodStart), { message: "periodEnd must be after periodStart", path: ["periodEnd"] });

export const ZPostAvailabilityRequest = z
  .object({ samples: z.array(ZAvailabilitySampleInput).min(1).max(1000) })
  .meta({ id: "PostAvailabilityRequest" });
export type TPostAvailabilityRequest = z.input<typeof ZPostAvailabilityRequest>;

export const ZRecordMeasurementRequest = z
  .object({ measured: z.number().min(0, "must not be negative"), occurredAt: ZIso, note: ZText(2000).default("") })
  .meta({ id: "RecordMeasurementRequest" });
export type TRecordMeasurementRequest = z.input<typeof ZRecordMeasurementRequest>;

export const ZSetRecoveryObjectivesRequest = z
  .object({
    rpoMinutes: ZMinutes.nullable(),
    rtoMinutes: ZMinutes.nullable(),
    testIntervalDays: z.number().int().min(1).max(3650),
    expectedVersion: ZVersion.describe("The service's version"),
  })
  .meta({ id: "SetRecoveryObjectivesRequest" });
export type TSetRecoveryObjectivesRequest = z.input<typeof ZSetRecoveryObjectivesRequest>;

export const ZRecordRecoveryTestRequest = z
  .object({
    testedAt: ZIso,
    scenario: ZText(300).min(1),
    achievedRpoMinutes: ZMinutes,
    achievedRtoMinutes: ZMinutes,
    passed: z.boolean(),
    evidenceUrl: z.url().max(2000).nullable().default(null),
  })
  .meta({ id: "RecordRecoveryTestRequest" });
export type TRecordRecoveryTestRequest = z.input<typeof ZRecordRecoveryTestRequest>;

export const ZPlanCostRequest = z
  .object({ month: ZMonth, category: ZText(60).min(1).default("Run"), planned: ZMoney })
  .meta({ id: "PlanCostRequest" });
export type TPlanCostRequest = z.input<typeof ZPlanCostRequest>;

export const ZRecordActualCostRequest = z
  .object({
    month: ZMonth,
    category: ZText(60).min(1).default("Run"),
    actual: ZMoney,
    expectedVersion: ZVersion.optional().describe("Only to correct an actual already entered (the version you saw)"),
  })
  .meta({ id: "RecordActualCostRequest" });
export type TRecordActualCostRequest = z.input<typeof ZRecordActualCostRequest>;

export const ZEndOfLifeRequest = z
  .object({
    decision: z.enum(END_OF_LIFE_DECISIONS).describe("RETIRE: decide the end of life (date, plan); RETIRED: the service is retired now; KEEP: take a retirement back"),
    date: ZIso.nullable().default(null).describe("The end-of-life date (RETIRE)"),
    conditions: ZText(4000).default(""),
    plan: ZText(4000).default("").describe("The migration or notice plan"),
    expectedVersion: ZVersion.describe("The service's version"),
  })
  .refine((v) => v.decision !== "RETIRE" || (v.date !== null && v.plan.length > 0), {
    message: "an end of life needs its date and the migration or notice plan",
    path: ["plan"],
  })
  .meta({ id: "EndOfLifeRequest" });
export type TEndOfLifeRequest = z.input<typeof ZEndOfLifeRequest>;

// ---------------------------------------------------------------- the read model

export const ZMriRow = z.object({
  kind: ZMriKind,
  label: z.string(),
  required: z.boolean(),
  entry: z
    .object({
      id: z.string(),
      content: z.string(),
      ownerId: z.string().nullable(),
      ownerName: z.string().nullable(),
      reviewedAt: z.string(),
      reviewIntervalDays: z.number().int(),
      stale: z.boolean(),
      version: z.number().int(),
    })
    .nullable(),
});

export const ZServiceLevelView = z.object({
  id: z.string(),
  kind: z.enum(["SLA", "OLA"]),
  name: z.string(),
  target: z.number(),
  unit: z.string(),
  higherIsBetter: z.boolean(),
  windowDays: z.number().int(),
  supportHours: z.string(),
  operationsStoryId: z.string().nullable(),
  version: z.number().int(),
  openBreaches: z.array(z.object({ id: z.string(), measured: z.number(), occurredAt: z.string(), note: z.string(), problemId: z.string().nullable() })),
  budget: z
    .object({
      noData: z.boolean(),
      availabilityPercent: z.number().nullable(),
      allowedDowntimeMinutes: z.number(),
      downtimeMinutes: z.number(),
      consumedPercent: z.number().nullable().describe("null when the budget is zero and nothing was lost"),
      breached: z.boolean(),
      burnRates: z.array(z.object({ window: z.string(), rate: z.number().nullable() })),
      alerts: z.array(z.object({ rule: z.enum(["FAST", "SLOW"]), message: z.string() })),
    })
    .nullable()
    .describe("Availability objectives only"),
});

export const ZServiceWall = z
  .object({
    service: z.object({
      id: z.string(),
      key: z.string(),
      name: z.string(),
      teamId: z.string(),
      status: z.enum(SERVICE_STATUSES),
      version: z.number().int(),
      rpoMinutes: z.number().nullable(),
      rtoMinutes: z.number().nullable(),
      recoveryTestIntervalDays: z.number().int(),
      endOfLife: z.object({
        date: z.string().nullable(),
        conditions: z.string().nullable(),
        plan: z.string().nullable(),
        decidedAt: z.string().nullable(),
        decidedByName: z.string().nullable(),
        openItems: z.array(z.object({ id: z.string(), title: z.string(), stageName: z.string() })),
      }),
    }),
    problems: z.array(ZStageProblem).describe("Empty: the service is green"),
    mri: z.object({ rows: z.array(ZMriRow), required: z.number().int(), present: z.number().int(), stale: z.number().int(), complete: z.boolean() }),
    serviceLevels: z.array(ZServiceLevelView),
    recovery: z.object({
      overdue: z.boolean(),
      dueAt: z.string().nullable(),
      lastFailed: z.boolean(),
      tests: z.array(
        z.object({
          id: z.string(),
          testedAt: z.string(),
          scenario: z.string(),
          achievedRpoMinutes: z.number(),
          achievedRtoMinutes: z.number(),
          passed: z.boolean(),
          missed: z.array(z.enum(["RPO", "RTO"])),
          evidenceUrl: z.string().nullable(),
          recordedByName: z.string().nullable(),
        }),
      ),
    }),
    cost: z.object({
      lines: z.array(z.object({ id: z.string(), month: z.string(), category: z.string(), planned: z.number(), actual: z.number().nullable(), version: z.number().int() })),
      months: z.array(z.object({ month: z.string(), planned: z.number(), actual: z.number().nullable(), variance: z.number().nullable() })),
      yearToDate: z.object({ year: z.number().int(), planned: z.number(), actual: z.number(), variance: z.number(), variancePercent: z.number().nullable() }),
    }),
    members: z.array(z.object({ id: z.string(), name: z.string() })).describe("Who may own an MRI entry"),
    seq: z.number().int(),
  })
  .meta({ id: "ServiceWall" });
export type TServiceWall = z.infer<typeof ZServiceWall>;

export const ZServiceWallWrite = z
  .object({ ok: z.literal(true), id: z.string().nullable().describe("The record written"), version: z.number().int().nullable(), seq: z.number().int() })
  .meta({ id: "ServiceWallWrite" });
export type TServiceWallWrite = z.infer<typeof ZServiceWallWrite>;
