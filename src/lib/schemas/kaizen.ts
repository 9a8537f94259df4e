// Kaizen at the boundary: problems (five whys, hypothesis, countermeasures, weekly KPI, PDCA)
// and Kaizen-in-advance proposals. Texts are trimmed and bounded so a message can say which
// field is wrong; KPI values must be finite numbers; weeks are Mondays (UTC), never future.
import { z } from "zod";
import { ZId, ZVersion } from "./common";

const text = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, `${what} cannot be empty`)
    .max(max, `${what} is too long (at most ${max} characters)`);
const optionalText = (max: number, what: string) => z.string().trim().max(max, `${what} is too long (at most ${max} characters)`);

const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Give a date as YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "Not a date")
  .describe("A date, YYYY-MM-DD (UTC)");

const ZKpiNumber = z
  .number({ error: "Must be a number" })
  .finite("Must be a finite number")
  .min(-1e12, "Too small")
  .max(1e12, "Too large");

export const PDCA = ["PLAN", "DO", "CHECK", "ACT", "CLOSED"] as const;
export const ZPdca = z.enum(PDCA);
export const ZProblemSource = z.enum(["ANDON", "DATA", "MANUAL"]);

export const ZOpenProblemRequest = z
  .object({
    title: text(200, "The title"),
    definition: optionalText(4000, "The definition").default("").describe("The problem defined with data: what, where, since when, how much"),
    stageId: ZId.nullish().describe("The stage where it shows (omit for the whole service)"),
    ownerId: ZId.nullish().describe("Who leads it (default: whoever opens it)"),
  })
  .meta({ id: "OpenProblemRequest" });
export type TOpenProblemRequest = z.input<typeof ZOpenProblemRequest>;

export const ZKpiDefinition = z
  .object({
    name: text(120, "The KPI name"),
    unit: optionalText(20, "The unit").default(""),
    higherIsBetter: z.boolean().describe("true: higher values are better; false: lower are better"),
    baseline: ZKpiNumber.nullish(),
    target: ZKpiNumber,
  })
  .meta({ id: "KpiDefinition" });

export const ZUpdateProblemRequest = z
  .object({
    version: ZVersion.describe("The problem's version you saw (409 when stale)"),
    title: text(200, "The title").optional(),
    definition: optionalText(4000, "The definition").optional(),
    hypothesis: optionalText(2000, "The hypothesis").optional(),
    whys: z
      .array(text(500, "A why"))
      .min(1, "Ask why at least once")
      .max(5, "Five whys at most")
      .optional()
      .describe("The whole chain, first why first; the last is the root cause"),
    ownerId: ZId.nullish(),
    kpi: ZKpiDefinition.optional(),
  })
  .meta({ id: "UpdateProblemRequest" });
export type TUpdateProblemRequest = z.input<typeof ZUpdateProblemRequest>;

export const ZAddCountermeasureRequest = z
  .object({
    description: text(1000, "The countermeasure"),
    ownerId: ZId.describe("A member of the service's team"),
    dueDate: ZDay.nullish(),
  })
  .meta({ id: "AddCountermeasureRequest" });
export type TAddCountermeasureRequest = z.input<typeof ZAddCountermeasureRequest>;

export const ZUpdateCountermeasureRequest = z
  .object({
    version: ZVersion,
    done: z.boolean().optional(),
    description: text(1000, "The countermeasure").optional(),
    ownerId: ZId.optional(),
    dueDate: ZDay.nullish(),
  })
  .meta({ id: "UpdateCountermeasureRequest" });
export type TUpdateCountermeasureRequest = z.input<typeof ZUpdateCountermeasureRequest>;

export const ZRecordKpiValueRequest = z
  .object({
    week: ZDay.describe("The Monday (UTC) of the ISO week; any day of the week is taken as its week"),
    value: ZKpiNumber,
  })
  .meta({ id: "RecordKpiValueRequest" });
export type TRecordKpiValueRequest = z.input<typeof ZRecordKpiValueRequest>;

export const ZMovePdcaRequest = z
  .object({
    version: ZVersion,
    to: ZPdca,
    note: optionalText(1000, "The note").optional(),
    standard: optionalText(1000, "The new standard").optional().describe("Act → Closed: the new standard, one sentence"),
    newCriterion: z
      .object({ stageId: ZId.optional().describe("Default: the problem's stage"), text: text(300, "The done-criterion") })
      .nullish()
      .describe("Act → Closed: a new definition-of-done criterion added to the stage in the same command"),
  })
  .meta({ id: "MovePdcaRequest" });
export type TMovePdcaRequest = z.input<typeof ZMovePdcaRequest>;

export const ZProposeKaizenRequest = z
  .object({
    fromStageId: ZId.describe("The downstream stage that sees the problem"),
    toStageId: ZId.describe("The upstream stage asked to change"),
    problem: text(1000, "The problem seen"),
    proposal: text(1000, "The proposed change"),
    expectedEffect: text(1000, "The expected effect"),
  })
  .meta({ id: "ProposeKaizenRequest" });
export type TProposeKaizenRequest = z.input<typeof ZProposeKaizenRequest>;

export const ZAnswerProposalRequest = z
  .object({
    version: ZVersion,
    decision: z.enum(["ACCEPT", "DECLINE"]),
    reason: text(1000, "The reason"),
    becomes: z
      .discriminatedUnion("kind", [
        z.object({ kind: z.literal("COUNTERMEASURE"), problemId: ZId, ownerId: ZId, dueDate: ZDay.nullish() }),
        z.object({ kind: z.literal("CRITERION"), text: text(300, "The done-criterion") }),
      ])
      .nullish()
      .describe("Accept: a countermeasure on a problem, or a done-criterion on the upstream stage (same command)"),
  })
  .meta({ id: "AnswerProposalRequest" });
export type TAnswerProposalRequest = z.input<typeof ZAnswerProposalRequest>;

export const ZCountermeasure = z
  .object({
    id: z.string(),
    description: z.string(),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
    dueDate: z.string().nullable().describe("YYYY-MM-DD"),
    done: z.boolean(),
    overdue: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: "Countermeasure" });

export const ZKpiPoint = z.object({ week: z.string().describe("YYYY-MM-DD, a Monday"), value: z.number() }).meta({ id: "KpiPoint" });

const problemCore = {
  id: z.string(),
  serviceId: z.string(),
  stageId: z.string().nullable(),
  stageName: z.string().nullable(),
  source: ZProblemSource,
  cause: z.string().nullable().describe("Problems from data: the condition it was opened for"),
  title: z.string(),
  pdca: ZPdca,
  cycle: z.number().int(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  kpi: z
    .object({ name: z.string(), unit: z.string(), higherIsBetter: z.boolean(), baseline: z.number().nullable(), target: z.number() })
    .nullable(),
  kpiValues: z.array(ZKpiPoint).describe("Oldest week first"),
};

export const ZProblemCard = z
  .object({
    ...problemCore,
    counts: z.object({ done: z.number().int(), open: z.number().int(), overdue: z.number().int() }),
    standard: z.string().nullable(),
  })
  .meta({ id: "ProblemCard" });
export type TProblemCard = z.infer<typeof ZProblemCard>;

export const ZProposal = z
  .object({
    id: z.string(),
    fromStageId: z.string(),
    fromStageName: z.string(),
    toStageId: z.string(),
    toStageName: z.string(),
    problem: z.string(),
    proposal: z.string(),
    expectedEffect: z.string(),
    proposedByName: z.string().nullable(),
    status: z.enum(["OPEN", "ACCEPTED", "DECLINED"]),
    answer: z.string().nullable(),
    answeredByName: z.string().nullable(),
    answeredAt: z.string().nullable(),
    createdAt: z.string(),
    waitingTooLong: z.boolean(),
    problemId: z.string().nullable(),
    countermeasureId: z.string().nullable(),
    criterionId: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: "KaizenProposal" });
export type TProposal = z.infer<typeof ZProposal>;

export const ZPersonRef = z.object({ id: z.string(), name: z.string() });
export const ZStageRef = z.object({ id: z.string(), name: z.string(), position: z.number().int() });

export const ZKaizenWall = z
  .object({
    service: z.object({ id: z.string(), key: z.string(), name: z.string() }),
    seq: z.number().int().describe("The service's event sequence this snapshot reflects"),
    confirmWeeks: z.number().int(),
    problems: z.array(ZProblemCard),
    proposals: z.array(ZProposal),
    stages: z.array(ZStageRef),
    people: z.array(ZPersonRef).describe("The team, for owners"),
  })
  .meta({ id: "KaizenWall" });
export type TKaizenWall = z.infer<typeof ZKaizenWall>;

export const ZProblemSheet = z
  .object({
    ...problemCore,
    serviceKey: z.string(),
    seq: z.number().int(),
    definition: z.string(),
    hypothesis: z.string().nullable(),
    evidence: z.record(z.string(), z.unknown()).nullable().describe("What a problem from data was opened with"),
    andon: z.object({ id: z.string(), reason: z.string(), itemId: z.string().nullable(), releasedAt: z.string().nullable(), countermeasure: z.string().nullable() }).nullable(),
    whys: z.array(z.string()).describe("First why first; the last is the root cause"),
    countermeasures: z.array(ZCountermeasure),
    standard: z.string().nullable(),
    standardCriterion: z.object({ id: z.string(), text: z.string(), stageId: z.string() }).nullable(),
    recurrenceOfId: z.string().nullable(),
    history: z.array(
      z.object({ from: ZPdca, to: ZPdca, cycle: z.number().int(), byName: z.string().nullable(), note: z.string().nullable(), at: z.string() }),
    ),
    confirmWeeks: z.number().int(),
    proposals: z.array(ZProposal),
    stages: z.array(ZStageRef),
    people: z.array(ZPersonRef),
  })
  .meta({ id: "ProblemSheet" });
export type TProblemSheet = z.infer<typeof ZProblemSheet>;

export const ZDetectedProblems = z
  .object({ opened: z.array(z.object({ problemId: z.string(), cause: z.string(), stageId: z.string().nullable() })) })
  .meta({ id: "DetectedProblems" });
export type TDetectedProblems = z.infer<typeof ZDetectedProblems>;

export const ZProblemRef = z.object({ id: z.string(), version: z.number().int() }).meta({ id: "ProblemRef" });
export const ZCreatedRef = z.object({ id: z.string() }).meta({ id: "CreatedRef" });
export const ZPdcaMoved = z
  .object({ id: z.string(), pdca: ZPdca, cycle: z.number().int(), version: z.number().int(), criterionId: z.string().nullable() })
  .meta({ id: "PdcaMoved" });
export const ZKpiRecorded = z.object({ week: z.string(), value: z.number() }).meta({ id: "KpiRecorded" });
export const ZProposalAnswered = z
  .object({ id: z.string(), status: z.enum(["ACCEPTED", "DECLINED"]), countermeasureId: z.string().nullable(), criterionId: z.string().nullable() })
  .meta({ id: "ProposalAnswered" });
