// Visual control: a stage shows which problems occurred, not status. Green means nothing is
// wrong; otherwise each problem says exactly what is wrong.

export type StageProblemKind =
  | "WIP_OVER_LIMIT"
  | "BLOCKED"
  | "AGED"
  | "ANDON"
  | "REJECTED"
  | "EXPEDITE"
  | "FAILED_GATE"
  | "RFC_WAITING"
  | "FAILING_TEST"
  // the service wall's (src/domain/service-wall.ts), shown on the Operations stage
  | "SLA_BREACH"
  | "BUDGET_BURN"
  | "RECOVERY_TEST_OVERDUE"
  | "MRI_INCOMPLETE"
  | "COST_OVER_PLAN"
  | "END_OF_LIFE"
  // Kaizen's (src/domain/kaizen/wall-problems.ts): an overdue countermeasure on the stage of its
  // problem; a Kaizen-in-advance proposal left unanswered on the upstream stage it was made to
  | "COUNTERMEASURE_OVERDUE"
  | "PROPOSAL_UNANSWERED"
  // the weekly synchronisation's (src/domain/weekly.ts): an action recorded in a weekly meeting
  // still open past its due day
  | "ACTION_OVERDUE";

export type StageProblem = {
  kind: StageProblemKind;
  message: string;
  itemIds: string[];
  /** The Kaizen problems it concerns: the wall links their sheets (absent: none). */
  problemIds?: string[];
  /** The Kaizen-in-advance proposals it concerns (absent: none). */
  proposalIds?: string[];
  /** The weekly actions it concerns (absent: none). */
  actionIds?: string[];
};

export type HealthItem = {
  id: string;
  title: string;
  blockedReason: string | null;
  enteredStageAt: string; // ISO
  /** moved past the WIP limit into this stage, with this reason (null: not expedited) */
  expediteReason: string | null;
  /** entered this stage by a rejection from downstream, with this defect (null: not sent back) */
  sentBackReason: string | null;
};

export type HealthInput = {
  stage: { name: string; wipLimit: number | null; ageThresholdHours: number | null };
  items: readonly HealthItem[];
  /** problemId: the Kaizen problem the pull opened, whose sheet the andon links */
  openAndons: ReadonlyArray<{ reason: string; itemId: string | null; problemId?: string | null }>;
  /** stage-specific extras computed elsewhere (gates, RfCs, failing test stories) */
  extra?: readonly StageProblem[];
  now: Date;
};

export function ageHours(enteredStageAt: string, now: Date): number {
  return Math.max(0, (now.getTime() - new Date(enteredStageAt).getTime()) / 3_600_000);
}

export function formatAge(hours: number): string {
  if (hours < 1) return `${Math.max(0, Math.round(hours * 60))}m`;
  if (hours < 48) return `${Math.round(hours)}h`;
  return `${Math.round(hours / 24)}d`;
}

export function stageProblems(input: HealthInput): StageProblem[] {
  const { stage, items, now } = input;
  const problems: StageProblem[] = [];
  for (const andon of input.openAndons) {
    problems.push({
      kind: "ANDON",
      message: `Andon pulled: ${andon.reason}`,
      itemIds: andon.itemId ? [andon.itemId] : [],
      ...(andon.problemId ? { problemIds: [andon.problemId] } : {}),
    });
  }
  if (stage.wipLimit !== null && items.length > stage.wipLimit) {
    const expedited = items.filter((i) => i.expediteReason);
    problems.push({
      kind: "WIP_OVER_LIMIT",
      message: `WIP ${items.length} over limit ${stage.wipLimit}`,
      itemIds: expedited.map((i) => i.id),
    });
    // An expedite is a problem for as long as it keeps the stage over its limit: once the
    // stage is back within it, the expedite stops showing (no clean-up job needed).
    if (expedited.length > 0) {
      problems.push({
        kind: "EXPEDITE",
        message:
          expedited.length === 1
            ? `Expedited: ${expedited[0]!.title} — ${expedited[0]!.expediteReason}`
            : `${expedited.length} items expedited past the limit`,
        itemIds: expedited.map((i) => i.id),
      });
    }
  }
  const blocked = items.filter((i) => i.blockedReason);
  if (blocked.length > 0) {
    problems.push({
      kind: "BLOCKED",
      message: blocked.length === 1 ? `Blocked: ${blocked[0]!.title} — ${blocked[0]!.blockedReason}` : `${blocked.length} items blocked`,
      itemIds: blocked.map((i) => i.id),
    });
  }
  if (stage.ageThresholdHours !== null) {
    const aged = items.filter((i) => ageHours(i.enteredStageAt, now) > stage.ageThresholdHours!);
    if (aged.length > 0) {
      problems.push({
        kind: "AGED",
        message: `${aged.length} waiting longer than ${formatAge(stage.ageThresholdHours)}`,
        itemIds: aged.map((i) => i.id),
      });
    }
  }
  // Only items still waiting here after being sent back: once fixed and passed on, the defect
  // is history (counted per stage), not a problem of this stage.
  const rejected = items.filter((i) => i.sentBackReason);
  if (rejected.length > 0) {
    problems.push({
      kind: "REJECTED",
      message:
        rejected.length === 1
          ? `Sent back: ${rejected[0]!.title} — ${rejected[0]!.sentBackReason}`
          : `${rejected.length} sent back with defects`,
      itemIds: rejected.map((i) => i.id),
    });
  }
  problems.push(...(input.extra ?? []));
  return problems;
}

export type ProblemCounts = {
  /** open andons: the line is stopped there */
  andons: number;
  /** every other problem a stage shows (WIP, blocked, waiting too long, gates, RfCs, SLA …) */
  problems: number;
};

/**
 * What a service's wall shows, counted for a glance from elsewhere (the home page): the same
 * stage problems, so a service is green there exactly when its wall is.
 */
export function countProblems(problems: ReadonlyArray<Pick<StageProblem, "kind">>): ProblemCounts {
  let andons = 0;
  for (const p of problems) if (p.kind === "ANDON") andons++;
  return { andons, problems: problems.length - andons };
}
