// Delivery inputs for the DORA metrics: deployments with their change (commit, first commit time,
// environment, result) and incidents (opened, resolved, severity, cause) — through Obeya's own
// API, and as Apache DevLake's webhook plugin sends them (backend/plugins/webhook/api, the
// camelCase request structs of WebhookDeploymentReq and WebhookIssueRequest).
import { z } from "zod";
import { SHA_PATTERN } from "@/domain/metrics/incident-cause";
import { ZId, ZVersion } from "./common";

const ZIsoTime = z.string().describe("ISO 8601, UTC");
const ZInstant = z.iso.datetime({ offset: true });
const ZSha = z.string().trim().regex(SHA_PATTERN, "Use a git commit SHA: 7 to 64 hex digits");
const ZEnvironment = z.string().trim().min(1).max(60);
const ZExternalId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .describe("Your own id for this delivery (e.g. the CI run id): the same one twice records one deployment");

/** What a deployment says about the change it shipped; all optional, each feeds a DORA key. */
export const ZDeploymentChangeFields = {
  commitSha: ZSha.optional().describe("The commit deployed (its head): links incidents to this deployment"),
  firstCommitAt: ZInstant.optional().describe("When the change's first commit was made: lead time for changes runs from here to the deployment's end"),
  externalId: ZExternalId.optional(),
  fixesIncident: ZId.optional().describe("An incident (its id or key) this unplanned deployment was made for: counts toward the deployment rework rate"),
};

const ZDeploymentCore = z.object({
  environment: ZEnvironment.describe("production (or prod) counts for DORA; staging etc. are kept but not counted"),
  result: z.enum(["SUCCESS", "FAILURE"]),
  startedAt: ZInstant,
  finishedAt: ZInstant,
  ...ZDeploymentChangeFields,
});

type Core = z.infer<typeof ZDeploymentCore>;
const finishAfterStart = (d: Core) => Date.parse(d.finishedAt) >= Date.parse(d.startedAt);
const commitBeforeFinish = (d: Core) => d.firstCommitAt === undefined || Date.parse(d.firstCommitAt) <= Date.parse(d.finishedAt);

export const ZReportServiceDeploymentRequest = ZDeploymentCore.refine(finishAfterStart, {
  message: "The finish time is before the start time",
  path: ["finishedAt"],
})
  .refine(commitBeforeFinish, { message: "The first commit is after the deployment finished", path: ["firstCommitAt"] })
  .meta({ id: "ReportServiceDeploymentRequest" });
export type TReportServiceDeploymentRequest = z.input<typeof ZReportServiceDeploymentRequest>;

export const ZDeploymentRecord = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    releaseId: z.string().nullable(),
    environment: z.string(),
    result: z.enum(["SUCCESS", "FAILURE"]),
    startedAt: ZIsoTime,
    finishedAt: ZIsoTime,
    commitSha: z.string().nullable(),
    firstCommitAt: ZIsoTime.nullable(),
    externalKey: z.string().nullable(),
    reworkForIncidentId: z.string().nullable(),
    createdAt: ZIsoTime,
    duplicate: z.boolean().describe("True when this delivery was already recorded: nothing new was written"),
  })
  .meta({ id: "DeploymentRecord" });
export type TDeploymentRecord = z.infer<typeof ZDeploymentRecord>;

// ---------------------------------------------------------------- incidents

export const CAUSE_LINKS = ["DEPLOYMENT", "COMMIT", "TIME_WINDOW"] as const;

export const ZReportIncidentRequest = z
  .object({
    key: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe("Your incident's id (e.g. INC-42): the same key twice is one incident. Without one, every post opens a new incident"),
    title: z.string().trim().min(1).max(300),
    severity: z.string().trim().min(1).max(40).optional().describe("As your tool names it: SEV1, critical, P2 …"),
    url: z.url().max(2000).optional(),
    openedAt: ZInstant,
    resolvedAt: ZInstant.optional().describe("Already resolved (e.g. a post-mortem entered later)"),
    deploymentId: ZId.optional().describe("The deployment that caused it (its id or externalId), when known"),
    commitSha: ZSha.optional().describe("The commit that caused it: links to that commit's production deployment"),
  })
  .refine((d) => d.resolvedAt === undefined || Date.parse(d.resolvedAt) >= Date.parse(d.openedAt), {
    message: "The incident is resolved before it opened",
    path: ["resolvedAt"],
  })
  .meta({ id: "ReportIncidentRequest" });
export type TReportIncidentRequest = z.input<typeof ZReportIncidentRequest>;

export const ZResolveIncidentRequest = z
  .object({
    resolvedAt: ZInstant.optional().describe("Default: now"),
    expectedVersion: ZVersion.optional().describe("The version you saw: a stale one is refused with 409"),
  })
  .meta({ id: "ResolveIncidentRequest" });
export type TResolveIncidentRequest = z.input<typeof ZResolveIncidentRequest>;

export const ZIncident = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    key: z.string(),
    title: z.string(),
    severity: z.string().nullable(),
    url: z.string().nullable(),
    source: z.string(),
    openedAt: ZIsoTime,
    resolvedAt: ZIsoTime.nullable(),
    causedByDeploymentId: z.string().nullable(),
    causeLink: z.enum(CAUSE_LINKS).nullable().describe("How the cause was found: named, by commit SHA, or by time window (fallback)"),
    version: z.number().int(),
    createdAt: ZIsoTime,
    duplicate: z.boolean().describe("True when this delivery was already recorded: nothing new was written"),
  })
  .meta({ id: "Incident" });
export type TIncident = z.infer<typeof ZIncident>;

// ---------------------------------------------------------------- Apache DevLake's webhook payloads

const ZDevLakeTime = z.iso.datetime({ offset: true });

export const ZDevLakeDeploymentCommit = z.object({
  repoUrl: z.string().trim().min(1).max(2000),
  commitSha: ZSha,
  displayTitle: z.string().optional(),
  repoId: z.string().optional(),
  name: z.string().optional(),
  refName: z.string().optional(),
  commitMsg: z.string().optional(),
  result: z.string().optional(),
  status: z.string().optional(),
  createdDate: ZDevLakeTime.optional(),
  startedDate: ZDevLakeTime.optional(),
  finishedDate: ZDevLakeTime.optional(),
  // Obeya's extension (DevLake ignores unknown keys): when the commit was made, for lead time for changes.
  commitAuthoredDate: ZDevLakeTime.optional().describe("Obeya extension, ignored by DevLake: the commit's time, for lead time for changes"),
});

export const ZDevLakeDeployment = z
  .object({
    id: z.string().trim().min(1).max(200).describe("The deployment's unique id in your CI: the natural key"),
    displayTitle: z.string().optional(),
    result: z.enum(["SUCCESS", "FAILURE"]).optional().describe("Default SUCCESS"),
    environment: z.enum(["PRODUCTION", "STAGING", "TESTING", "DEVELOPMENT"]).optional().describe("Default PRODUCTION"),
    originalEnvironment: z.string().optional(),
    name: z.string().optional(),
    deploymentCommits: z.array(ZDevLakeDeploymentCommit).min(1, "List at least one commit in deploymentCommits").max(100),
    createdDate: ZDevLakeTime.optional(),
    startedDate: ZDevLakeTime,
    finishedDate: ZDevLakeTime,
  })
  .refine((d) => Date.parse(d.finishedDate) >= Date.parse(d.startedDate), { message: "finishedDate is before startedDate", path: ["finishedDate"] })
  .meta({ id: "DevLakeDeployment" });
export type TDevLakeDeployment = z.input<typeof ZDevLakeDeployment>;

export const ZDevLakeIssue = z
  .object({
    issueKey: z.string().trim().min(1).max(200),
    title: z.string().trim().min(1).max(300),
    type: z.string().optional().describe("Only INCIDENT is recorded; other issue types are acknowledged and ignored"),
    status: z.enum(["TODO", "IN_PROGRESS", "DONE"]).optional(),
    originalStatus: z.string().optional(),
    url: z.string().optional(),
    description: z.string().optional(),
    createdDate: ZDevLakeTime,
    updatedDate: ZDevLakeTime.optional().nullable(),
    resolutionDate: ZDevLakeTime.optional().nullable(),
    severity: z.string().optional(),
    priority: z.string().optional(),
    component: z.string().optional(),
    // Obeya's extensions (DevLake has DeploymentId commented out in its struct): the cause, when known.
    deploymentId: z.string().optional().describe("Obeya extension: the causing deployment's DevLake id"),
    commitSha: ZSha.optional().describe("Obeya extension: the causing commit"),
  })
  .meta({ id: "DevLakeIssue" });
export type TDevLakeIssue = z.input<typeof ZDevLakeIssue>;

export const ZDevLakeIntakeResult = z
  .object({
    recorded: z.enum(["deployment", "incident", "nothing"]),
    id: z.string().nullable(),
    duplicate: z.boolean(),
    note: z.string().nullable(),
  })
  .meta({ id: "DevLakeIntakeResult" });
export type TDevLakeIntakeResult = z.infer<typeof ZDevLakeIntakeResult>;
