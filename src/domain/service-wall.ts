// The service wall's visual control: is the service fit for business continuity? Green, or
// exactly what is wrong — expressed as the value-stream wall's StageProblems (one model of
// visual control), shown on the Operations stage (end of life on the End-of-life stage).
import type { BurnAlert, ErrorBudget } from "./service-levels";
import { MRI_LABELS, type MriCompleteness } from "./mri";
import type { RecoveryState } from "./recovery";
import { isOverPlan, type MonthVariance } from "./operating-cost";
import { daysUntil, END_OF_LIFE_WARNING_DAYS, type ServiceStatus } from "./end-of-life";
import type { StageProblem } from "./visual-control";

export type LevelHealth = {
  name: string;
  kind: "SLA" | "OLA";
  /** unresolved breaches (recorded measurements that missed the target) */
  openBreaches: number;
  /** availability objectives only */
  budget: ErrorBudget | null;
  alerts: readonly BurnAlert[];
};

export type ServiceWallFacts = {
  status: ServiceStatus;
  levels: readonly LevelHealth[];
  mri: MriCompleteness;
  recovery: RecoveryState;
  /** RPO or RTO is set: until then there is nothing for a recovery test to prove */
  recoveryObjectivesSet: boolean;
  /** months up to and including the current one, with actuals */
  costMonths: readonly MonthVariance[];
  currentMonth: string;
  endOfLife: { date: Date | null; openItems: number };
  now: Date;
};

export type ServiceWallProblem = StageProblem & { where: "operations" | "end-of-life" };

const list = (kinds: readonly string[]) => kinds.map((k) => `${k} (${MRI_LABELS[k as keyof typeof MRI_LABELS]})`).join(", ");
const pct = (n: number) => `${n.toFixed(2)}%`;

export function serviceWallProblems(f: ServiceWallFacts): ServiceWallProblem[] {
  const out: ServiceWallProblem[] = [];
  const add = (kind: StageProblem["kind"], message: string, where: ServiceWallProblem["where"] = "operations") =>
    out.push({ kind, message, itemIds: [], where });

  for (const l of f.levels) {
    const breachedBudget = l.budget?.breached ?? false;
    if (l.openBreaches > 0 || breachedBudget) {
      const detail = l.budget && breachedBudget
        ? `${pct(l.budget.availabilityPercent!)} over ${l.budget.windowDays} days, target ${pct(l.budget.targetPercent)}`
        : `${l.openBreaches} unresolved ${l.openBreaches === 1 ? "breach" : "breaches"}`;
      add("SLA_BREACH", `${l.kind} breached: ${l.name} — ${detail}`);
    }
    // A spent budget is a breach already; burning is the warning before it.
    if (!breachedBudget && l.alerts.length > 0) add("BUDGET_BURN", `Error budget burning: ${l.name} — ${l.alerts[0]!.message}`);
  }

  // A service is judged on what it has started to keep: a brand-new service is not red from
  // birth on every wall (its service wall still shows the empty MRI and what to do).
  if (f.mri.present > 0 && f.mri.missing.length > 0) add("MRI_INCOMPLETE", `MRI incomplete: ${f.mri.present}/${f.mri.required.length} — missing ${list(f.mri.missing)}`);
  if (f.mri.stale.length > 0) add("MRI_INCOMPLETE", `MRI stale: not reviewed within their interval — ${list(f.mri.stale)}`);

  const r = f.recovery;
  if (!f.recoveryObjectivesSet) {
    // nothing to prove yet
  } else if (!r.last) add("RECOVERY_TEST_OVERDUE", "No recovery test recorded: RPO/RTO unproven");
  else if (r.overdue) add("RECOVERY_TEST_OVERDUE", `Recovery test overdue — last on ${r.last.testedAt.toISOString().slice(0, 10)}, due ${r.dueAt!.toISOString().slice(0, 10)}`);
  if (f.recoveryObjectivesSet && r.last && r.lastFailed) {
    const why = r.missed.length > 0 ? `${r.missed.join(" and ")} missed` : "failed";
    add("RECOVERY_TEST_OVERDUE", `Last recovery test ${why}: ${r.last.scenario} (RPO ${r.last.achievedRpoMinutes} min, RTO ${r.last.achievedRtoMinutes} min)`);
  }

  const over = f.costMonths.filter((m) => m.month <= f.currentMonth && m.actual !== null && isOverPlan(m.planned, m.actual));
  if (over.length > 0) {
    const last = over.at(-1)!;
    add(
      "COST_OVER_PLAN",
      over.length === 1
        ? `Cost over plan in ${last.month}: ${Math.round(last.actual!)} vs ${Math.round(last.planned)} planned`
        : `Cost over plan in ${over.length} months — latest ${last.month}: ${Math.round(last.actual!)} vs ${Math.round(last.planned)} planned`,
    );
  }

  if (f.status === "RETIRING" && f.endOfLife.date) {
    const days = daysUntil(f.endOfLife.date, f.now);
    if (days <= END_OF_LIFE_WARNING_DAYS && f.endOfLife.openItems > 0) {
      const when = days < 0 ? `${-days} days past` : days === 0 ? "today" : `in ${days} days`;
      add("END_OF_LIFE", `End of life ${when} (${f.endOfLife.date.toISOString().slice(0, 10)}) with ${f.endOfLife.openItems} open ${f.endOfLife.openItems === 1 ? "item" : "items"}`, "end-of-life");
    }
  }
  return out;
}
