// PDCA as pure rules: which moves exist, and what each needs. The service asks here before it
// writes; the problem sheet asks the same functions to show why a button is disabled.
import { kpiConfirmed, type KpiPoint } from "./kpi";

export const PDCA_STATES = ["PLAN", "DO", "CHECK", "ACT", "CLOSED"] as const;
export type PdcaState = (typeof PDCA_STATES)[number];

export const PDCA_LABELS: Record<PdcaState, string> = { PLAN: "Plan", DO: "Do", CHECK: "Check", ACT: "Act", CLOSED: "Closed" };

/** The moves that exist. Check → Plan starts the next cycle; a closed problem never reopens. */
export const PDCA_MOVES: Readonly<Record<PdcaState, readonly PdcaState[]>> = {
  PLAN: ["DO"],
  DO: ["CHECK"],
  CHECK: ["ACT", "PLAN"],
  ACT: ["CLOSED"],
  CLOSED: [],
};

export type ProblemFacts = {
  pdca: PdcaState;
  whyCount: number;
  hypothesis: string | null;
  countermeasures: ReadonlyArray<{ ownerId: string | null; done: boolean; dueDate: Date | null }>;
  kpi: { name: string | null; target: number | null; higherIsBetter: boolean };
  kpiValues: readonly KpiPoint[];
};

export type PdcaRule =
  | "NO_SUCH_MOVE"
  | "NO_ROOT_CAUSE"
  | "NO_HYPOTHESIS"
  | "NO_COUNTERMEASURE"
  | "COUNTERMEASURE_WITHOUT_OWNER"
  | "NO_KPI"
  | "COUNTERMEASURES_PENDING"
  | "KPI_NOT_CONFIRMED"
  | "KPI_CONFIRMED"
  | "NO_STANDARD";

export type PdcaVerdict = { ok: true } | { ok: false; rule: PdcaRule; message: string };

const refuse = (rule: PdcaRule, message: string): PdcaVerdict => ({ ok: false, rule, message });

/**
 * May the problem move to `to` now? `standard` is the new-standard sentence given with
 * Act → Closed; `confirmWeeks` is the service's N (consecutive weeks on target).
 */
export function checkPdcaMove(
  facts: ProblemFacts,
  to: PdcaState,
  ctx: { now: Date; confirmWeeks: number; standard?: string | null },
): PdcaVerdict {
  if (!PDCA_MOVES[facts.pdca].includes(to)) {
    return refuse("NO_SUCH_MOVE", facts.pdca === "CLOSED" ? "A closed problem does not reopen: open a new one linked to it." : `${facts.pdca} cannot move to ${to}.`);
  }
  const move = `${facts.pdca}>${to}`;
  if (move === "PLAN>DO") {
    if (facts.whyCount < 1) return refuse("NO_ROOT_CAUSE", "Ask why at least once: the last why is the root cause.");
    if (!facts.hypothesis?.trim()) return refuse("NO_HYPOTHESIS", "Write the hypothesis first.");
    if (facts.countermeasures.length === 0) return refuse("NO_COUNTERMEASURE", "Add at least one countermeasure.");
    if (facts.countermeasures.some((c) => !c.ownerId)) return refuse("COUNTERMEASURE_WITHOUT_OWNER", "Every countermeasure needs an owner.");
    if (!facts.kpi.name?.trim() || facts.kpi.target === null) return refuse("NO_KPI", "Define the weekly KPI with its target.");
    return { ok: true };
  }
  if (move === "DO>CHECK") {
    const pending = facts.countermeasures.filter((c) => !c.done && !(c.dueDate && c.dueDate.getTime() <= ctx.now.getTime()));
    if (pending.length > 0) {
      return refuse("COUNTERMEASURES_PENDING", `${pending.length} countermeasure${pending.length === 1 ? " is" : "s are"} neither done nor due yet.`);
    }
    return { ok: true };
  }
  if (move === "CHECK>ACT" || move === "CHECK>PLAN") {
    const confirmed =
      facts.kpi.target !== null &&
      kpiConfirmed(facts.kpiValues, { target: facts.kpi.target, higherIsBetter: facts.kpi.higherIsBetter }, ctx.confirmWeeks, ctx.now);
    if (to === "ACT" && !confirmed) {
      return refuse("KPI_NOT_CONFIRMED", `The KPI has not met its target for ${ctx.confirmWeeks} consecutive weeks: go back to Plan for another cycle.`);
    }
    if (to === "PLAN" && confirmed) return refuse("KPI_CONFIRMED", "The KPI confirms the countermeasures: move to Act and set the new standard.");
    return { ok: true };
  }
  // ACT>CLOSED
  if (!ctx.standard?.trim()) return refuse("NO_STANDARD", "Write the new standard the team keeps from now on.");
  return { ok: true };
}

/** A due date names a day (00:00 UTC): the countermeasure is overdue once that day has passed. */
export function isOverdue(c: { done: boolean; dueDate: Date | null }, now: Date): boolean {
  return !c.done && c.dueDate !== null && now.getTime() >= c.dueDate.getTime() + 86_400_000;
}

/** Countermeasures: done, still open, and open past their due date (each overdue one is a problem). */
export function countermeasureCounts(list: ProblemFacts["countermeasures"], now: Date): { done: number; open: number; overdue: number } {
  let done = 0;
  let open = 0;
  let overdue = 0;
  for (const c of list) {
    if (c.done) done++;
    else if (isOverdue(c, now)) overdue++;
    else open++;
  }
  return { done, open, overdue };
}
