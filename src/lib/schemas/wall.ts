import { z } from "zod";
import { ZWallItem } from "./item";
import { ZStage } from "./service";

const PROBLEM_KINDS = [
  "WIP_OVER_LIMIT",
  "BLOCKED",
  "AGED",
  "ANDON",
  "REJECTED",
  "EXPEDITE",
  "FAILED_GATE",
  "RFC_WAITING",
  "FAILING_TEST",
  "SLA_BREACH",
  "BUDGET_BURN",
  "RECOVERY_TEST_OVERDUE",
  "MRI_INCOMPLETE",
  "COST_OVER_PLAN",
  "END_OF_LIFE",
  "COUNTERMEASURE_OVERDUE",
  "PROPOSAL_UNANSWERED",
  "ACTION_OVERDUE",
] as const;

/** Problems only the server can see (other walls' data): the rest a browser computes from the wall's own state. */
export const SERVER_PROBLEM_KINDS = [
  "FAILED_GATE",
  "RFC_WAITING",
  "FAILING_TEST",
  "SLA_BREACH",
  "BUDGET_BURN",
  "RECOVERY_TEST_OVERDUE",
  "MRI_INCOMPLETE",
  "COST_OVER_PLAN",
  "END_OF_LIFE",
  "COUNTERMEASURE_OVERDUE",
  "PROPOSAL_UNANSWERED",
  "ACTION_OVERDUE",
] as const satisfies readonly (typeof PROBLEM_KINDS)[number][];

export const ZStageProblem = z
  .object({
    kind: z.enum(PROBLEM_KINDS),
    message: z.string().describe("Says exactly what is wrong"),
    itemIds: z.array(z.string()),
    problemIds: z.array(z.string()).optional().describe("The Kaizen problems it concerns (their sheets: /services/{key}/kaizen/{problemId})"),
    proposalIds: z.array(z.string()).optional().describe("The Kaizen-in-advance proposals it concerns"),
    actionIds: z.array(z.string()).optional().describe("The weekly actions it concerns (the weekly agenda: /services/{key}/weekly)"),
  })
  .meta({ id: "StageProblem" });

export const ZOpenAndon = z
  .object({
    id: z.string(),
    stageId: z.string(),
    itemId: z.string().nullable(),
    reason: z.string(),
    pulledById: z.string().nullable(),
    pulledByName: z.string().nullish().describe("Who pulled it, for the andon banner"),
    pulledAt: z.string().describe("ISO 8601, UTC"),
    problemId: z.string().nullable(),
  })
  .meta({ id: "OpenAndon" });
export type TOpenAndon = z.infer<typeof ZOpenAndon>;

export const ZFeedbackProposal = z
  .object({
    id: z.string(),
    fromStageId: z.string().describe("The downstream stage that proposes"),
    toStageId: z.string().describe("The upstream stage asked to answer"),
    proposal: z.string().describe("The proposed change"),
    createdAt: z.string().describe("ISO 8601, UTC"),
  })
  .meta({ id: "FeedbackProposal" });
export type TFeedbackProposal = z.infer<typeof ZFeedbackProposal>;

export const ZWallStage = ZStage.extend({
  version: z.number().int().describe("Configuration version (for stage updates)"),
  itemCount: z.number().int(),
  openAndons: z.array(ZOpenAndon).describe("On the stage or on an item in it: the stage accepts no new items from upstream"),
  rejections: z.object({
    sent: z.number().int().describe("Items this stage sent back upstream with a defect"),
    received: z.number().int().describe("Items sent back to this stage by a downstream stage"),
  }),
  problems: z.array(ZStageProblem).describe("Empty: the stage is green"),
  kaizenProblems: z
    .array(z.object({ id: z.string(), title: z.string() }))
    .describe("The Kaizen problems still open on this stage, oldest first (their sheets: /services/{key}/kaizen/{id})"),
  feedback: z
    .array(ZFeedbackProposal)
    .describe("Kaizen in advance: the proposals from downstream stages this stage has not answered yet (the feedback loop)"),
}).meta({ id: "WallStage" });
export type TWallStage = z.infer<typeof ZWallStage>;

export const ZWallSnapshot = z
  .object({
    service: z.object({
      id: z.string(),
      key: z.string(),
      name: z.string(),
      description: z.string(),
      teamId: z.string(),
      status: z.string(),
    }),
    stages: z.array(ZWallStage).describe("Left to right"),
    items: z.array(ZWallItem).describe("By rank"),
    problems: z
      .array(ZStageProblem.extend({ stageId: z.string(), stageName: z.string() }))
      .describe("Top of the wall: the open problems of every stage, left to right"),
    seq: z.number().int().describe("The service's last event sequence number: apply live events after it"),
  })
  .meta({ id: "WallSnapshot" });
export type TWallSnapshot = z.infer<typeof ZWallSnapshot>;
