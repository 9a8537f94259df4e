import "server-only";
import {
  latestDecision,
  mayDeploy,
  unfinishedReleaseItems,
  type AssessmentResult,
  type GateOutcome,
  type PipelineStatus,
  type ReadinessStage,
} from "@/domain/releases";
import {
  ZDecisionSnapshot,
  type TDecisionSnapshot,
  type TDeployment,
  type TGateCriterion,
  type TGateDecision,
  type TRelease,
  type TReleaseItem,
} from "@/lib/schemas/release";

export const CRITERION_SELECT = { id: true, key: true, name: true, description: true, position: true, retired: true } as const;

export const RELEASE_ITEM_SELECT = {
  id: true,
  title: true,
  kind: true,
  stageId: true,
  version: true,
  doneAt: true,
  stage: { select: { key: true, name: true } },
  // for the release's done condition (unfinishedReleaseItems)
  criteria: { where: { done: true }, select: { criterionId: true } },
} as const;

export const DECISION_SELECT = {
  id: true,
  releaseId: true,
  outcome: true,
  comment: true,
  overrideReason: true,
  evidence: true,
  snapshot: true,
  supersedesId: true,
  decidedById: true,
  createdAt: true,
  assessments: {
    select: { criterionId: true, result: true, reason: true, criterion: { select: { key: true, name: true, position: true } } },
  },
} as const;

export const DEPLOYMENT_SELECT = {
  id: true,
  releaseId: true,
  environment: true,
  result: true,
  startedAt: true,
  finishedAt: true,
  commitSha: true,
  firstCommitAt: true,
  createdAt: true,
} as const;

export const RELEASE_SELECT = {
  id: true,
  serviceId: true,
  name: true,
  targetDate: true,
  pipelineStatus: true,
  version: true,
  createdAt: true,
  items: { select: RELEASE_ITEM_SELECT, orderBy: { rank: "asc" } },
  decisions: { select: DECISION_SELECT, orderBy: { createdAt: "desc" } },
  deployments: { select: DEPLOYMENT_SELECT, orderBy: { startedAt: "desc" } },
} as const;

type CriterionRow = { id: string; key: string; name: string; description: string; position: number; retired: boolean };
type ItemRow = {
  id: string;
  title: string;
  kind: string;
  stageId: string;
  version: number;
  doneAt: Date | null;
  stage: { key: string; name: string };
  criteria?: ReadonlyArray<{ criterionId: string }>;
};
export type DecisionRow = {
  id: string;
  releaseId: string;
  outcome: string;
  comment: string;
  overrideReason: string | null;
  evidence: unknown;
  snapshot: unknown;
  supersedesId: string | null;
  decidedById: string;
  createdAt: Date;
  assessments: Array<{
    criterionId: string;
    result: string;
    reason: string | null;
    criterion: { key: string; name: string; position: number };
  }>;
};
type DeploymentRow = {
  id: string;
  releaseId: string | null;
  environment: string;
  result: string;
  startedAt: Date;
  finishedAt: Date;
  commitSha: string | null;
  firstCommitAt: Date | null;
  createdAt: Date;
};
export type ReleaseRow = {
  id: string;
  serviceId: string;
  name: string;
  targetDate: Date | null;
  pipelineStatus: string;
  version: number;
  createdAt: Date;
  items: ItemRow[];
  decisions: DecisionRow[];
  deployments: DeploymentRow[];
};

export function toCriterionDto(row: CriterionRow): TGateCriterion {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    position: row.position,
    retired: row.retired,
  };
}

export function toReleaseItemDto(row: ItemRow): TReleaseItem {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    stageId: row.stageId,
    stageKey: row.stage.key,
    stageName: row.stage.name,
    version: row.version,
    doneAt: row.doneAt ? row.doneAt.toISOString() : null,
  };
}

export type StageNames = ReadonlyMap<string, { key: string; name: string }>;

/**
 * Snapshots written by recordGateDecision have the full shape; decisions written before it (the
 * first demo seed stored `{ items: [{ id, title, stageId }] }`) are shown with what they kept:
 * the stage named from its id, the done-state as not recorded (`release.version` 0 says so).
 */
export function readSnapshot(raw: unknown, decidedAt: Date, stages: StageNames = new Map()): TDecisionSnapshot {
  const parsed = ZDecisionSnapshot.safeParse(raw);
  if (parsed.success) return parsed.data;
  const items = Array.isArray((raw as { items?: unknown })?.items) ? ((raw as { items: unknown[] }).items) : [];
  return {
    takenAt: decidedAt.toISOString(),
    release: { name: "", targetDate: null, pipelineStatus: "", version: 0 },
    items: items.map((i) => {
      const it = (i ?? {}) as Record<string, unknown>;
      const stage = stages.get(String(it.stageId ?? ""));
      return {
        id: String(it.id ?? ""),
        title: String(it.title ?? ""),
        stageKey: stage?.key ?? String(it.stageKey ?? ""),
        stageName: stage?.name ?? String(it.stageName ?? ""),
        criteriaMet: 0,
        criteriaTotal: 0,
        done: Boolean(it.done),
      };
    }),
  };
}

export function toDecisionDtos(
  rows: readonly DecisionRow[],
  names: ReadonlyMap<string, string>,
  stages: StageNames = new Map(),
): TGateDecision[] {
  const supersededBy = new Map(rows.filter((r) => r.supersedesId).map((r) => [r.supersedesId!, r.id]));
  return rows.map((row) => ({
    id: row.id,
    releaseId: row.releaseId,
    outcome: row.outcome as GateOutcome,
    comment: row.comment,
    overrideReason: row.overrideReason,
    evidence: Array.isArray(row.evidence) ? (row.evidence as unknown[]).map(String) : [],
    decidedBy: { id: row.decidedById, name: names.get(row.decidedById) ?? "(unknown)" },
    decidedAt: row.createdAt.toISOString(),
    supersedesId: row.supersedesId,
    supersededById: supersededBy.get(row.id) ?? null,
    assessments: [...row.assessments]
      .sort((a, b) => a.criterion.position - b.criterion.position)
      .map((a) => ({
        criterionId: a.criterionId,
        criterionKey: a.criterion.key,
        criterionName: a.criterion.name,
        result: a.result as AssessmentResult,
        reason: a.reason,
      })),
    snapshot: readSnapshot(row.snapshot, row.createdAt, stages),
  }));
}

export function toDeploymentDto(row: DeploymentRow): TDeployment {
  return {
    id: row.id,
    // Read through its release: a release's deployment always names it.
    releaseId: row.releaseId ?? "",
    environment: row.environment,
    result: row.result as TDeployment["result"],
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt.toISOString(),
    commitSha: row.commitSha,
    firstCommitAt: row.firstCommitAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toReleaseDto(
  row: ReleaseRow,
  names: ReadonlyMap<string, string>,
  stages: StageNames,
  /** each service's stages with their active done-criteria: the release's done condition */
  readinessStages: ReadonlyMap<string, readonly ReadinessStage[]>,
): TRelease {
  const standing = latestDecision(row.decisions);
  // Newest first, with the standing decision at the top even if clocks disagree.
  const decisions = toDecisionDtos(row.decisions, names, stages).sort(
    (a, b) => Number(b.id === standing?.id) - Number(a.id === standing?.id) || b.decidedAt.localeCompare(a.decidedAt),
  );
  return {
    id: row.id,
    serviceId: row.serviceId,
    name: row.name,
    targetDate: row.targetDate ? row.targetDate.toISOString() : null,
    pipelineStatus: row.pipelineStatus as PipelineStatus,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    items: row.items.map(toReleaseItemDto),
    unfinishedItems: unfinishedReleaseItems(
      readinessStages.get(row.serviceId) ?? [],
      row.items.map((i) => ({ id: i.id, title: i.title, stageId: i.stageId, metCriterionIds: (i.criteria ?? []).map((c) => c.criterionId) })),
    ),
    mayDeploy: mayDeploy(standing ? { outcome: standing.outcome as GateOutcome } : null),
    decisions,
    deployments: row.deployments.map(toDeploymentDto),
  };
}

/** Decisions name their gatekeeper by id; one query fetches every name a page needs. */
export function deciderIds(rows: ReadonlyArray<{ decisions: ReadonlyArray<{ decidedById: string }> }>): string[] {
  return [...new Set(rows.flatMap((r) => r.decisions.map((d) => d.decidedById)))];
}

/** Dates as sent: a bare day is that day at 00:00 UTC. */
export function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value);
}
