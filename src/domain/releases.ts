// Releases and the gatekeeper's go/no-go: pure rules used by the services, the move guard,
// the pipeline API and the release wall (one source of truth for "may this release deploy?").

export const GATE_OUTCOMES = ["GO", "NO_GO"] as const;
export type GateOutcome = (typeof GATE_OUTCOMES)[number];

export const ASSESSMENT_RESULTS = ["PASS", "FAIL", "WAIVED"] as const;
export type AssessmentResult = (typeof ASSESSMENT_RESULTS)[number];

export const PIPELINE_STATUSES = ["NOT_STARTED", "RUNNING", "PASSED", "FAILED"] as const;
export type PipelineStatus = (typeof PIPELINE_STATUSES)[number];

/** The stage whose entry the gate guards (stage keys are stable across renames). */
export const DEPLOYMENT_STAGE_KEY = "deployment";

export type GateCriterionTemplate = { key: string; name: string; description: string };

/** Every service starts with these four; teams add their own beside them. */
export const DEFAULT_GATE_CRITERIA: readonly GateCriterionTemplate[] = [
  {
    key: "security",
    name: "Security",
    description: "No open high or critical findings; dependencies scanned; secrets out of the code.",
  },
  {
    key: "compliance",
    name: "Compliance",
    description: "Legal, data-protection and accessibility obligations checked and recorded.",
  },
  {
    key: "operations-readiness",
    name: "Operations readiness",
    description: "Runbook, monitoring, alerting and a rollback path exist; RPO/RTO verified.",
  },
  {
    key: "process-views",
    name: "Process views",
    description: "Sales, support and operations know what changes, when, and what to tell customers.",
  },
];

export type AssessmentInput = { criterionId: string; result: AssessmentResult; reason?: string | null };
export type DecisionInput = { outcome: GateOutcome; assessments: readonly AssessmentInput[]; comment: string };
export type ActiveCriterion = { id: string; name: string };

export type DecisionCheck =
  | { ok: true }
  | {
      ok: false;
      code:
        | "UNKNOWN_OUTCOME"
        | "CRITERION_MISSING"
        | "CRITERION_UNKNOWN"
        | "CRITERION_TWICE"
        | "REASON_REQUIRED"
        | "GO_WITH_FAILURE"
        | "NO_GO_WITHOUT_REASON";
      message: string;
    };

const blank = (s: string | null | undefined) => !s || s.trim().length === 0;

/**
 * May this decision be recorded? Every active criterion is assessed exactly once; FAIL and
 * WAIVED carry a reason; a GO cannot stand on a failed criterion (waive it, with a reason, or
 * say NO-GO); a NO-GO with nothing failed must say why in the comment.
 */
export function checkGateDecision(criteria: readonly ActiveCriterion[], input: DecisionInput): DecisionCheck {
  if (!(GATE_OUTCOMES as readonly string[]).includes(input.outcome)) {
    return { ok: false, code: "UNKNOWN_OUTCOME", message: "A decision is GO or NO_GO." };
  }
  const known = new Map(criteria.map((c) => [c.id, c]));
  const seen = new Set<string>();
  for (const a of input.assessments) {
    const criterion = known.get(a.criterionId);
    if (!criterion) {
      return { ok: false, code: "CRITERION_UNKNOWN", message: "An assessment names a criterion that is not an active gate criterion of this service." };
    }
    if (seen.has(a.criterionId)) {
      return { ok: false, code: "CRITERION_TWICE", message: `${criterion.name} is assessed twice.` };
    }
    seen.add(a.criterionId);
    if (a.result !== "PASS" && blank(a.reason)) {
      return {
        ok: false,
        code: "REASON_REQUIRED",
        message: `${criterion.name}: a ${a.result === "FAIL" ? "failed" : "waived"} criterion needs a reason.`,
      };
    }
  }
  const missing = criteria.filter((c) => !seen.has(c.id));
  if (missing.length > 0) {
    return {
      ok: false,
      code: "CRITERION_MISSING",
      message: `Every gate criterion must be assessed; missing: ${missing.map((c) => c.name).join(", ")}.`,
    };
  }
  const failed = input.assessments.filter((a) => a.result === "FAIL");
  if (input.outcome === "GO" && failed.length > 0) {
    const names = failed.map((a) => known.get(a.criterionId)!.name).join(", ");
    return {
      ok: false,
      code: "GO_WITH_FAILURE",
      message: `A GO cannot stand on a failed criterion (${names}): waive it with a reason, or decide NO-GO.`,
    };
  }
  if (input.outcome === "NO_GO" && failed.length === 0 && blank(input.comment)) {
    return { ok: false, code: "NO_GO_WITHOUT_REASON", message: "A NO-GO with no failed criterion must say why in the comment." };
  }
  return { ok: true };
}

export type DecisionLink = { id: string; supersedesId: string | null; createdAt: Date | string };

/**
 * The decision that stands: the end of the supersedes chain. Decisions are append-only and each
 * new one supersedes the last, so exactly one is not superseded; the newest wins if data disagrees.
 */
export function latestDecision<T extends DecisionLink>(decisions: readonly T[]): T | null {
  if (decisions.length === 0) return null;
  const superseded = new Set(decisions.map((d) => d.supersedesId).filter((id): id is string => id !== null));
  const time = (d: T) => new Date(d.createdAt).getTime();
  const heads = decisions.filter((d) => !superseded.has(d.id));
  const pool = heads.length > 0 ? heads : decisions;
  return pool.reduce((a, b) => (time(b) > time(a) || (time(b) === time(a) && b.id > a.id) ? b : a));
}

export type StandingDecision = { outcome: GateOutcome } | null;

/** A pipeline may deploy a release only on a standing GO. */
export function mayDeploy(latest: StandingDecision): boolean {
  return latest?.outcome === "GO";
}

export type DeploymentEntryCheck =
  | { ok: true }
  | { ok: false; code: "RELEASE_NOT_GO" | "ITEM_NOT_DECIDED_ON"; message: string };

/**
 * May an item enter the Deployment stage? Items that belong to no release are not gated here
 * (the stage's own done-criteria still apply). An item of a release needs its standing GO, and
 * that GO must have been decided on the item: one added to the release afterwards waits for the
 * gatekeeper's next decision (`decidedOnItem`: the item is in the standing decision's snapshot).
 */
export function mayEnterDeployment(
  release: { name: string } | null,
  latest: StandingDecision,
  decidedOnItem = true,
): DeploymentEntryCheck {
  if (!release) return { ok: true };
  if (!latest) {
    return {
      ok: false,
      code: "RELEASE_NOT_GO",
      message: `Release ${release.name} has no go/no-go decision yet: its items cannot enter Deployment until the gatekeeper says GO.`,
    };
  }
  if (!mayDeploy(latest)) {
    return {
      ok: false,
      code: "RELEASE_NOT_GO",
      message: `Release ${release.name} has a NO-GO from the gatekeeper: its items cannot enter Deployment until a GO.`,
    };
  }
  if (!decidedOnItem) {
    return {
      ok: false,
      code: "ITEM_NOT_DECIDED_ON",
      message: `This item joined release ${release.name} after its GO: the gatekeeper must decide again before it enters Deployment.`,
    };
  }
  return { ok: true };
}

export type FailedGateInput = {
  release: { id: string; name: string };
  itemIds: readonly string[];
  decision: { outcome: GateOutcome; comment: string; assessments: ReadonlyArray<{ criterionName: string; result: AssessmentResult; reason: string | null }> };
};

/** What a standing NO-GO says on the value-stream wall: which criteria failed and why. */
export function failedGateMessage(input: FailedGateInput): string | null {
  if (input.decision.outcome !== "NO_GO") return null;
  const failed = input.decision.assessments.filter((a) => a.result === "FAIL");
  const why = failed.length > 0
    ? failed.map((a) => (a.reason ? `${a.criterionName} failed: ${a.reason}` : `${a.criterionName} failed`)).join("; ")
    : input.decision.comment.trim();
  return `Release ${input.release.name} NO-GO${why ? ` — ${why}` : ""}`;
}

/** Optimistic concurrency for releases: a command names the version it saw. */
export function isStale(current: { version: number }, expectedVersion: number): boolean {
  return current.version !== expectedVersion;
}

// ---------------------------------------------------------------- the release's done condition

export type ReadinessStage = {
  id: string;
  key: string;
  name: string;
  position: number;
  retired: boolean;
  /** the stage's active done-criteria */
  criteria: ReadonlyArray<{ id: string; text: string }>;
};
export type ReadinessItem = { id: string; title: string; stageId: string; metCriterionIds: readonly string[] };
export type UnfinishedItem = {
  id: string;
  title: string;
  stage: { id: string; key: string; name: string };
  /** what is not done, in people's words */
  why: string;
};

/**
 * The items of a release that have not reached its done condition. The gate guards the entry to
 * Deployment, so an item is done for the release when it is ready to be pulled in there: in the
 * last stage in use before Deployment with every active done-criterion of that stage met (JKK),
 * or already in Deployment or downstream of it (it entered under an earlier GO). An item still
 * further upstream is not done, whatever its own stage's criteria say. A service with no stage
 * keyed `deployment` has no gate on its flow: there an item is done when its own stage's
 * criteria are all met. Decision record 005, addendum.
 */
export function unfinishedReleaseItems(stages: readonly ReadinessStage[], items: readonly ReadinessItem[]): UnfinishedItem[] {
  const byId = new Map(stages.map((s) => [s.id, s]));
  const gate = stages.find((s) => s.key === DEPLOYMENT_STAGE_KEY && !s.retired) ?? stages.find((s) => s.key === DEPLOYMENT_STAGE_KEY);
  const ready = gate
    ? [...stages].filter((s) => !s.retired && s.position < gate.position).sort((a, b) => b.position - a.position)[0] ?? null
    : null;
  const out: UnfinishedItem[] = [];
  for (const item of items) {
    const stage = byId.get(item.stageId);
    if (!stage) {
      out.push({ id: item.id, title: item.title, stage: { id: item.stageId, key: "", name: "an unknown stage" }, why: "In a stage this service does not have." });
      continue;
    }
    const ref = { id: stage.id, key: stage.key, name: stage.name };
    if (gate && stage.position >= gate.position) continue;
    if (gate && stage.id !== ready?.id) {
      out.push({
        id: item.id,
        title: item.title,
        stage: ref,
        why: ready ? `Still in ${stage.name}: it has not reached ${ready.name}.` : `Still in ${stage.name}.`,
      });
      continue;
    }
    const met = new Set(item.metCriterionIds);
    const open = stage.criteria.filter((c) => !met.has(c.id));
    if (open.length > 0) {
      out.push({ id: item.id, title: item.title, stage: ref, why: `${stage.name} not done: ${open.map((c) => c.text).join("; ")}.` });
    }
  }
  return out;
}

export type GoOverUnfinishedCheck =
  | { ok: true; overrideReason: string | null }
  | { ok: false; code: "GO_OVER_UNFINISHED"; message: string; unfinishedItems: UnfinishedItem[] };

/**
 * A GO on a release with unfinished items stands only with a reason to go anyway, which the
 * decision keeps. A NO-GO needs none; a reason given where there is nothing to override is not
 * kept (the decision would claim an override that did not happen).
 */
export function checkGoOverUnfinished(
  outcome: GateOutcome,
  unfinished: readonly UnfinishedItem[],
  overrideReason: string | null | undefined,
): GoOverUnfinishedCheck {
  if (outcome !== "GO" || unfinished.length === 0) return { ok: true, overrideReason: null };
  if (blank(overrideReason)) {
    const named = unfinished.slice(0, 3).map((i) => `“${i.title}” (${i.stage.name})`);
    const more = unfinished.length > 3 ? ` and ${unfinished.length - 3} more` : "";
    const n = unfinished.length;
    return {
      ok: false,
      code: "GO_OVER_UNFINISHED",
      message: `${n} item${n === 1 ? " is" : "s are"} not done: ${named.join(", ")}${more}. Give a reason to go anyway, or decide NO-GO.`,
      unfinishedItems: [...unfinished],
    };
  }
  return { ok: true, overrideReason: overrideReason!.trim() };
}
