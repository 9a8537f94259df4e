// Event types and their payloads: what the wall replays and what flow metrics are computed from.
// Payloads carry enough to apply the change without another read (item moves name both stages).
import type { TWorkItem } from "./schemas/item";
import type { TConfiguredStage } from "./schemas/stage";

export type EventPayloads = {
  // stages: as created, for wall playback (older events lack it: playback then takes today's configuration)
  "service.created": { serviceId: string; key: string; name: string; stageIds: string[]; stages?: TConfiguredStage[] };
  "item.created": { item: TWorkItem };
  "item.moved": {
    itemId: string;
    fromStageId: string;
    toStageId: string;
    version: number;
    enteredStageAt: string;
    // how long the item spent in the stage it left, for flow metrics
    msInFromStage: number;
    // moved past the target stage's WIP limit (null: within the limit)
    expedite?: { reason: string } | null;
    // the item's met done-criteria of the stage it entered, so a wall can show them without a read
    doneCriterionIds?: string[];
  };
  // A stage change too (same fields as item.moved): the receiving stage sent poor work back
  // upstream. Count rejections per stage by fromStageId (sent) or toStageId (received).
  "item.rejected": {
    itemId: string;
    fromStageId: string;
    toStageId: string;
    reason: string;
    version: number;
    enteredStageAt: string;
    msInFromStage: number;
    // the item's lifetime count after this rejection
    rejectionCount: number;
    // criteria of the upstream stage unticked by the rejection: the work is done again
    resetCriterionIds: string[];
    doneCriterionIds: string[];
  };
  "item.updated": { item: TWorkItem; fields: string[] };
  "item.unblocked": { itemId: string; version: number };
  // Written by the demo seed (prisma/seed) until each has its own service function; the
  // service that takes a type over keeps its name and payload, so the log stays one history.
  "item.blocked": { itemId: string; reason: string; version: number };
  // stageDone: every criterion of the stage met after the change (older events lack it).
  "item.criteria.checked": { itemId: string; stageId: string; criterionIds: string[]; done: boolean; stageDone?: boolean };
  "item.commented": { itemId: string; commentId: string; body?: string };
  "story.created": {
    itemId: string;
    storyId: string;
    kind: "USER" | "TEST" | "OPERATIONS";
    testCaseIds: string[];
    // The item's stories after the change (the backlog shows them without another read).
    counts?: StoryCounts;
  };
  "story.updated": { itemId: string; storyId: string; version: number; testCaseIds: string[]; counts: StoryCounts };
  // A Service Master moved an item within the backlog: only its rank changed.
  "item.reordered": { itemId: string; rank: string; afterItemId: string | null; beforeItemId: string | null };
  // A CSV import; each created item also has its own item.created event before this one.
  "backlog.imported": { itemIds: string[] };
  "service.levels.set": {
    rpoMinutes: number | null;
    rtoMinutes: number | null;
    plannedMonthlyCost: number | null;
    serviceLevelIds: string[];
  };
  "serviceLevel.breached": { serviceLevelId: string; breachId: string; measured: number; resolved: boolean; problemId?: string | null };
  "mri.updated": { entryId: string; kind: string; version: number };
  "cost.recorded": { month: string; planned: number; actual: number | null; category?: string; costId?: string; version?: number };
  // The service wall (issue 12): each carries what the wall needs to know it must re-read.
  "mri.required.set": { kinds: string[]; version: number };
  "mri.reviewed": { entryId: string; kind: string; version: number };
  "mri.removed": { entryId: string; kind: string };
  "serviceLevel.created": { serviceLevelId: string; kind: "SLA" | "OLA"; name: string; operationsStoryId: string | null };
  "serviceLevel.breach.resolved": { serviceLevelId: string; breachId: string };
  "availability.recorded": { serviceLevelId: string; sampleIds: string[]; periodEnd: string };
  "recovery.objectives.set": { rpoMinutes: number | null; rtoMinutes: number | null; testIntervalDays: number; version: number };
  "recoveryTest.recorded": { testId: string; testedAt: string; passed: boolean; missed: ("RPO" | "RTO")[] };
  "service.endOfLife.decided": {
    from: "ACTIVE" | "RETIRING" | "RETIRED";
    to: "ACTIVE" | "RETIRING" | "RETIRED";
    date: string | null;
    conditions: string | null;
    plan: string | null;
    version: number;
  };
  "andon.pulled": { andonId: string; stageId: string; itemId: string | null; reason: string; problemId?: string | null };
  "andon.released": { andonId: string; countermeasure: string | null; stageId?: string; itemId?: string | null };
  "problem.opened": {
    problemId: string;
    stageId: string | null;
    source: "ANDON" | "DATA" | "MANUAL";
    title: string;
    // problems from data: the condition (cause:stage) and the closed problem it recurs after
    cause?: string | null;
    recurrenceOfId?: string | null;
  };
  "problem.updated": {
    problemId: string;
    pdca: "PLAN" | "DO" | "CHECK" | "ACT" | "CLOSED";
    whyCount: number;
    countermeasureIds: string[];
    kpiWeeks: string[];
    version: number;
    // what changed (the Kaizen services say; older seeded events lack it)
    change?: "plan" | "countermeasure" | "kpi" | "proposal";
  };
  // A PDCA move; Check → Plan starts cycle + 1. Closing names the done-criterion it added.
  "problem.pdca.moved": {
    problemId: string;
    from: "PLAN" | "DO" | "CHECK" | "ACT" | "CLOSED";
    to: "PLAN" | "DO" | "CHECK" | "ACT" | "CLOSED";
    cycle: number;
    version: number;
    standard?: string | null;
    criterionId?: string | null;
  };
  // Stage configuration: the full stage after the change, so walls replace it as is.
  "stage.added": { stage: TConfiguredStage };
  "stage.updated": { stage: TConfiguredStage };
  "stages.reordered": { stageIds: string[] };
  "kaizen.proposed": { proposalId: string; fromStageId: string; toStageId: string };
  // Accepting may create a countermeasure on a problem or a done-criterion upstream (same command).
  "kaizen.answered": {
    proposalId: string;
    status: "ACCEPTED" | "DECLINED";
    countermeasureId?: string | null;
    criterionId?: string | null;
    problemId?: string | null;
  };
  "rfc.raised": { rfcId: string; kind: "RFC" | "MAINTENANCE"; title: string; source: string };
  "rfc.approval.recorded": { rfcId: string; role: string; decision: "APPROVE" | "REJECT"; userId: string; reason?: string | null };
  "rfc.decided": { rfcId: string; status: "APPROVED" | "REJECTED"; itemId: string | null };
  "gate.criterion.added": { criterionId: string; key: string; name: string };
  "release.created": { releaseId: string; name: string; targetDate: string | null; itemIds: string[] };
  "release.updated": {
    releaseId: string;
    name: string;
    targetDate: string | null;
    pipelineStatus: "NOT_STARTED" | "RUNNING" | "PASSED" | "FAILED";
    version: number;
  };
  "release.items.changed": { releaseId: string; added: string[]; removed: string[]; version: number };
  "release.decided": {
    releaseId: string;
    decisionId: string;
    outcome: "GO" | "NO_GO";
    assessments: { criterionId: string; result: "PASS" | "FAIL" | "WAIVED" }[];
    // Written by recordGateDecision (older seeded events lack them): the chain and what was decided on.
    supersedesId?: string | null;
    itemIds?: string[];
    // A GO over items not at the release's done condition: which, and why go anyway (null otherwise).
    unfinishedItemIds?: string[];
    overrideReason?: string | null;
  };
  "deployment.reported": {
    // null: a deployment of the service alone (the service-level pipeline API, the DevLake webhook)
    releaseId: string | null;
    deploymentId: string;
    environment: string;
    result: "SUCCESS" | "FAILURE";
    // For delivery metrics (reportDeployment writes them): ISO 8601 UTC, and the decision that stood.
    startedAt?: string;
    finishedAt?: string;
    decisionId?: string | null;
    // The change (issue 11.3; older events lack them): lead time for changes and rework.
    commitSha?: string | null;
    firstCommitAt?: string | null;
    reworkForIncidentId?: string | null;
  };
  "incident.opened": {
    incidentId: string;
    key: string;
    title: string;
    severity: string | null;
    source: string;
    openedAt: string;
    causedByDeploymentId: string | null;
    causeLink: "DEPLOYMENT" | "COMMIT" | "TIME_WINDOW" | null;
  };
  "incident.resolved": { incidentId: string; key: string; openedAt: string; resolvedAt: string; version: number };
  // The weekly synchronisation (src/domain/weekly.ts): week is the ISO week label ("2026-W49")
  // of the meeting, lineKey the agenda line it was recorded against.
  "weekly.decision.recorded": { decisionId: string; week: string; lineKey: string; text: string };
  "weekly.action.recorded": { actionId: string; week: string; lineKey: string; text: string; ownerId: string; dueDate: string };
  "weekly.action.updated": { actionId: string; done: boolean; version: number };
};

export type EventType = keyof EventPayloads;

export type StoryCounts = { user: number; test: number; operations: number; failingTests: number };

export type ObeyaEvent<T extends EventType = EventType> = {
  [K in T]: {
    serviceId: string;
    seq: number;
    type: K;
    actorId: string | null;
    payload: EventPayloads[K];
    createdAt: string; // ISO 8601, UTC
  };
}[T];
