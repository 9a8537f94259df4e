// The portfolio wall: every service a person may see, one row each, worst first. A row is the
// value-stream wall seen from afar — the same stage problems (src/domain/visual-control.ts), so
// a cell is red exactly when that stage's header on the service's own wall is, and says why.
import type { ServiceStatus } from "./end-of-life";
import { DELIVERY_SUMMARY_DAYS, type DeliverySummary } from "./metrics/delivery-summary";
import type { LevelHealth } from "./service-wall";
import { countProblems, type StageProblem, type StageProblemKind } from "./visual-control";

export type PortfolioCell = {
  stageId: string;
  name: string;
  /** What is wrong on the stage (empty: green). */
  problems: Array<Pick<StageProblem, "kind" | "message">>;
};

/** SLA state from the service wall's levels: none defined, met, at risk (budget burning), breached. */
export type SlaState = "NONE" | "MET" | "AT_RISK" | "BREACHED";

export type PortfolioRow = {
  service: { id: string; key: string; name: string; status: ServiceStatus; teamName: string };
  cells: PortfolioCell[];
  itemCount: number;
  /** open andons: the line is stopped */
  andons: number;
  /** every other stage problem (the home page's count) */
  problems: number;
  /** red cells */
  redStages: number;
  /** a standing NO-GO: the message of the failed gate (null: none) */
  noGo: string | null;
  openKaizenProblems: number;
  overdueCountermeasures: number;
  sla: SlaState;
  /** year-to-date operating cost against plan (null: nothing booked this year) */
  costVariancePercent: number | null;
  /** lead time and delivery tier over the last `days` days, from the metrics wall's fold */
  delivery: (DeliverySummary & { days: number }) | null;
};

export type PortfolioRowInput = {
  service: PortfolioRow["service"];
  /** the open stages in wall order, each with the problems stageProblems() gave it */
  stages: ReadonlyArray<{ id: string; name: string; problems: readonly StageProblem[] }>;
  itemCount: number;
  openKaizenProblems: number;
  /** open countermeasures of open problems past their due day (isOverdue) */
  overdueCountermeasures: number;
  levels: ReadonlyArray<Pick<LevelHealth, "kind" | "openBreaches" | "alerts">>;
  costVariancePercent: number | null;
  delivery?: DeliverySummary | null;
};

export function slaState(levels: PortfolioRowInput["levels"]): SlaState {
  const slas = levels.filter((l) => l.kind === "SLA");
  if (slas.length === 0) return "NONE";
  if (slas.some((l) => l.openBreaches > 0)) return "BREACHED";
  if (slas.some((l) => l.alerts.length > 0)) return "AT_RISK";
  return "MET";
}

export function portfolioRow(input: PortfolioRowInput): PortfolioRow {
  const all = input.stages.flatMap((s) => s.problems);
  const { andons, problems } = countProblems(all);
  const noGo = all.find((p) => p.kind === "FAILED_GATE")?.message ?? null;
  return {
    service: input.service,
    cells: input.stages.map((s) => ({ stageId: s.id, name: s.name, problems: s.problems.map(({ kind, message }) => ({ kind, message })) })),
    itemCount: input.itemCount,
    andons,
    problems,
    redStages: input.stages.filter((s) => s.problems.length > 0).length,
    noGo,
    openKaizenProblems: input.openKaizenProblems,
    overdueCountermeasures: input.overdueCountermeasures,
    sla: slaState(input.levels),
    costVariancePercent: input.costVariancePercent,
    delivery: input.delivery ? { ...input.delivery, days: DELIVERY_SUMMARY_DAYS } : null,
  };
}

const SLA_RANK: Record<SlaState, number> = { BREACHED: 2, AT_RISK: 1, MET: 0, NONE: 0 };

/**
 * Worst first: a stopped line (andons), then a standing NO-GO, a breached SLA, then how much of
 * the stream is red and how many problems it shows, then overdue countermeasures; ties by name.
 */
export function comparePortfolioRows(a: PortfolioRow, b: PortfolioRow): number {
  const keys = (r: PortfolioRow) => [r.andons, r.noGo ? 1 : 0, SLA_RANK[r.sla], r.redStages, r.problems, r.overdueCountermeasures, r.openKaizenProblems];
  const ka = keys(a);
  const kb = keys(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i]! - ka[i]!;
  return a.service.name.localeCompare(b.service.name) || a.service.id.localeCompare(b.service.id);
}

export function sortPortfolio(rows: readonly PortfolioRow[]): PortfolioRow[] {
  return [...rows].sort(comparePortfolioRows);
}

/** Short labels of the problem kinds for a cell's tooltip-free text (the message says the rest). */
export const PROBLEM_KIND_SHORT: Record<StageProblemKind, string> = {
  WIP_OVER_LIMIT: "WIP",
  BLOCKED: "Blocked",
  AGED: "Waiting",
  ANDON: "Andon",
  REJECTED: "Sent back",
  EXPEDITE: "Expedite",
  FAILED_GATE: "NO-GO",
  RFC_WAITING: "RfC",
  FAILING_TEST: "Tests",
  SLA_BREACH: "SLA",
  BUDGET_BURN: "Budget",
  RECOVERY_TEST_OVERDUE: "Recovery",
  MRI_INCOMPLETE: "MRI",
  COST_OVER_PLAN: "Cost",
  END_OF_LIFE: "End of life",
  COUNTERMEASURE_OVERDUE: "Countermeasure",
  PROPOSAL_UNANSWERED: "Proposal",
  ACTION_OVERDUE: "Action",
};
