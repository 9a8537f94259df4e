import { z } from "zod";
import { ASSESSMENT_RESULTS, GATE_OUTCOMES, PIPELINE_STATUSES } from "@/domain/releases";
import { ZId, ZVersion } from "./common";
import { ZDeploymentChangeFields } from "./delivery";

const ZIsoTime = z.string().describe("ISO 8601, UTC");

// A target day ("2026-12-01") or an exact moment with its offset; stored as a UTC instant.
const ZDateInput = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const ZPipelineStatus = z.enum(PIPELINE_STATUSES);
export const ZGateOutcome = z.enum(GATE_OUTCOMES);
export const ZAssessmentResult = z.enum(ASSESSMENT_RESULTS);

const ZReleaseName = z.string().trim().min(1).max(60).describe("The version name, e.g. 2.4 — unique per service");

// ---------------------------------------------------------------- requests

export const ZCreateReleaseRequest = z
  .object({
    name: ZReleaseName,
    targetDate: ZDateInput.nullable().default(null),
    pipelineStatus: ZPipelineStatus.default("NOT_STARTED"),
    itemIds: z.array(ZId).max(500).default([]).describe("Items of this service (backlog or value stream) it carries"),
  })
  .meta({ id: "CreateReleaseRequest" });
export type TCreateReleaseRequest = z.input<typeof ZCreateReleaseRequest>;

export const ZUpdateReleaseRequest = z
  .object({
    expectedVersion: ZVersion.describe("The release version you saw; a stale one answers 409"),
    name: ZReleaseName.optional(),
    targetDate: ZDateInput.nullable().optional(),
    pipelineStatus: ZPipelineStatus.optional(),
  })
  .meta({ id: "UpdateReleaseRequest" });
export type TUpdateReleaseRequest = z.input<typeof ZUpdateReleaseRequest>;

export const ZChangeReleaseItemsRequest = z
  .object({
    expectedVersion: ZVersion,
    add: z.array(ZId).max(500).default([]),
    remove: z.array(ZId).max(500).default([]),
  })
  .meta({ id: "ChangeReleaseItemsRequest" });
export type TChangeReleaseItemsRequest = z.input<typeof ZChangeReleaseItemsRequest>;

export const ZCreateGateCriterionRequest = z
  .object({
    key: z.string().min(1).max(48).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes only"),
    name: z.string().trim().min(1).max(80),
    description: z.string().trim().min(1).max(1000).describe("What must be true to pass"),
  })
  .meta({ id: "CreateGateCriterionRequest" });
export type TCreateGateCriterionRequest = z.input<typeof ZCreateGateCriterionRequest>;

export const ZRecordGateDecisionRequest = z
  .object({
    outcome: ZGateOutcome,
    assessments: z
      .array(
        z.object({
          criterionId: ZId,
          result: ZAssessmentResult,
          reason: z.string().trim().max(2000).nullable().default(null).describe("Required for FAIL and WAIVED"),
        }),
      )
      .max(100)
      .describe("One per active gate criterion of the service"),
    evidence: z.array(z.url({ protocol: /^https?$/ }).max(2000)).max(50).default([]).describe("Links to reports, pipelines, tickets"),
    comment: z.string().trim().max(5000).default(""),
    overrideReason: z
      .string()
      .trim()
      .max(2000)
      .nullable()
      .default(null)
      .describe(
        "Required for a GO while items of the release are not done (not ready to enter Deployment): why go anyway. Kept with the decision; ignored for a NO-GO or when every item is done",
      ),
    supersedesId: ZId.nullable().describe(
      "The decision you saw standing (null when there was none): if another was recorded since, the answer is 409",
    ),
  })
  .meta({ id: "RecordGateDecisionRequest" });
export type TRecordGateDecisionRequest = z.input<typeof ZRecordGateDecisionRequest>;

export const ZReportDeploymentRequest = z
  .object({
    environment: z.string().trim().min(1).max(60),
    result: z.enum(["SUCCESS", "FAILURE"]),
    startedAt: z.iso.datetime({ offset: true }),
    finishedAt: z.iso.datetime({ offset: true }),
    // The change shipped (issue 11.3): commit, first commit time, natural key, incident it fixes.
    ...ZDeploymentChangeFields,
  })
  .refine((d) => new Date(d.finishedAt).getTime() >= new Date(d.startedAt).getTime(), {
    message: "The finish time is before the start time",
    path: ["finishedAt"],
  })
  .refine((d) => d.firstCommitAt === undefined || Date.parse(d.firstCommitAt) <= Date.parse(d.finishedAt), {
    message: "The first commit is after the deployment finished",
    path: ["firstCommitAt"],
  })
  .meta({ id: "ReportDeploymentRequest" });
export type TReportDeploymentRequest = z.input<typeof ZReportDeploymentRequest>;

// ---------------------------------------------------------------- answers

export const ZGateCriterion = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    description: z.string(),
    position: z.number().int(),
    retired: z.boolean(),
  })
  .meta({ id: "GateCriterion" });
export type TGateCriterion = z.infer<typeof ZGateCriterion>;

export const ZReleaseItem = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.string(),
    stageId: z.string(),
    stageKey: z.string(),
    stageName: z.string(),
    version: z.number().int(),
    doneAt: ZIsoTime.nullable(),
  })
  .meta({ id: "ReleaseItem" });
export type TReleaseItem = z.infer<typeof ZReleaseItem>;

export const ZUnfinishedItem = z
  .object({
    id: z.string(),
    title: z.string(),
    stage: z.object({ id: z.string(), key: z.string(), name: z.string() }),
    why: z.string().describe("What is not done, in people's words"),
  })
  .meta({ id: "UnfinishedReleaseItem" });
export type TUnfinishedItem = z.infer<typeof ZUnfinishedItem>;

export const ZDecisionSnapshot = z
  .object({
    takenAt: ZIsoTime,
    release: z.object({
      name: z.string(),
      targetDate: ZIsoTime.nullable(),
      pipelineStatus: z.string(),
      version: z.number().int(),
    }),
    items: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        stageKey: z.string(),
        stageName: z.string(),
        criteriaMet: z.number().int(),
        criteriaTotal: z.number().int(),
        done: z.boolean().describe("Every done-criterion of the item's stage met at that moment"),
        notDone: z
          .string()
          .nullable()
          .optional()
          .describe("Why the item had not reached the release's done condition (ready to enter Deployment); null when it had; absent in older decisions"),
      }),
    ),
  })
  .meta({ id: "DecisionSnapshot" });
export type TDecisionSnapshot = z.infer<typeof ZDecisionSnapshot>;

export const ZGateDecision = z
  .object({
    id: z.string(),
    releaseId: z.string(),
    outcome: ZGateOutcome,
    comment: z.string(),
    overrideReason: z.string().nullable().describe("A GO over items not done: the gatekeeper's reason to go anyway; null otherwise"),
    evidence: z.array(z.string()),
    decidedBy: z.object({ id: z.string(), name: z.string() }),
    decidedAt: ZIsoTime,
    supersedesId: z.string().nullable(),
    supersededById: z.string().nullable().describe("Null for the decision that stands"),
    assessments: z.array(
      z.object({
        criterionId: z.string(),
        criterionKey: z.string(),
        criterionName: z.string(),
        result: ZAssessmentResult,
        reason: z.string().nullable(),
      }),
    ),
    snapshot: ZDecisionSnapshot,
  })
  .meta({ id: "GateDecision" });
export type TGateDecision = z.infer<typeof ZGateDecision>;

export const ZDeployment = z
  .object({
    id: z.string(),
    releaseId: z.string(),
    environment: z.string(),
    result: z.enum(["SUCCESS", "FAILURE"]),
    startedAt: ZIsoTime,
    finishedAt: ZIsoTime,
    commitSha: z.string().nullable(),
    firstCommitAt: ZIsoTime.nullable(),
    createdAt: ZIsoTime,
  })
  .meta({ id: "Deployment" });
export type TDeployment = z.infer<typeof ZDeployment>;

export const ZRelease = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    name: z.string(),
    targetDate: ZIsoTime.nullable(),
    pipelineStatus: ZPipelineStatus,
    version: z.number().int(),
    createdAt: ZIsoTime,
    items: z.array(ZReleaseItem),
    unfinishedItems: z
      .array(ZUnfinishedItem)
      .describe("Items not at the release's done condition now: a GO over them needs `overrideReason`"),
    mayDeploy: z.boolean().describe("True only when the standing decision is GO"),
    decisions: z.array(ZGateDecision).describe("Newest first; the first one stands"),
    deployments: z.array(ZDeployment).describe("Newest first"),
  })
  .meta({ id: "Release" });
export type TRelease = z.infer<typeof ZRelease>;

export const ZReleaseWall = z
  .object({
    service: z.object({ id: z.string(), key: z.string(), name: z.string(), teamId: z.string() }),
    criteria: z.array(ZGateCriterion).describe("Active gate criteria, in order"),
    releases: z.array(ZRelease).describe("Newest first"),
    candidates: z
      .array(z.object({ id: z.string(), title: z.string(), stageName: z.string() }))
      .describe("Items of the service in no release, which a release may take"),
    seq: z.number().int().describe("The service's last event sequence number: apply live events after it"),
  })
  .meta({ id: "ReleaseWall" });
export type TReleaseWall = z.infer<typeof ZReleaseWall>;

export const ZMayDeploy = z
  .object({
    releaseId: z.string(),
    releaseName: z.string(),
    mayDeploy: z.boolean(),
    decisionId: z.string().nullable().describe("The standing decision; null when none was recorded"),
    outcome: ZGateOutcome.nullable(),
    decidedAt: ZIsoTime.nullable(),
  })
  .meta({ id: "MayDeploy" });
export type TMayDeploy = z.infer<typeof ZMayDeploy>;

export const ZReleaseConflictError = z
  .object({
    error: z.object({
      code: z.literal("VERSION_CONFLICT"),
      message: z.string(),
      details: z.object({ current: z.unknown().describe("The release (or standing decision) as it is now") }),
    }),
  })
  .meta({ id: "ReleaseConflictError" });

export const ZGoOverUnfinishedError = z
  .object({
    error: z.object({
      code: z.literal("RULE_VIOLATION"),
      message: z.string(),
      details: z
        .object({
          rule: z.string().describe("GO_OVER_UNFINISHED, or another rule of the decision (CRITERION_MISSING, REASON_REQUIRED, GO_WITH_FAILURE, …)"),
          field: z.string().optional().describe("GO_OVER_UNFINISHED: overrideReason, the field that is missing"),
          unfinishedItems: z.array(ZUnfinishedItem).optional().describe("GO_OVER_UNFINISHED: the items not done"),
        })
        .catchall(z.unknown()),
    }),
  })
  .meta({ id: "GateDecisionRefusedError" });
