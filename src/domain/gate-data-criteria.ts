// Gate criteria decided from data (issue 12): a team adds a criterion with one of these keys and
// the gatekeeper's PASS on it must agree with the service wall when the decision is recorded.
// FAIL always stands; a WAIVED carries its reason; a PASS the data contradicts is refused.
import { MRI_LABELS, type MriCompleteness } from "./mri";

export const DATA_CRITERION_KEYS = { mriComplete: "mri-complete", operationsReady: "operations-ready" } as const;

export type ReadinessFacts = {
  mri: Pick<MriCompleteness, "missing" | "stale">;
  /** what the service wall says is wrong with operations (SLA breaches, recovery tests…) */
  operationsProblems: readonly string[];
};

/** Why the data says a criterion is not met (null: met, or not a data criterion). */
export function dataCriterionShortfall(key: string, facts: ReadinessFacts): string | null {
  if (key === DATA_CRITERION_KEYS.mriComplete) {
    const missing = facts.mri.missing.map((k) => `${k} (${MRI_LABELS[k]})`);
    const stale = facts.mri.stale.map((k) => `${k} (${MRI_LABELS[k]})`);
    if (missing.length === 0 && stale.length === 0) return null;
    return [missing.length ? `missing ${missing.join(", ")}` : "", stale.length ? `stale ${stale.join(", ")}` : ""].filter(Boolean).join("; ");
  }
  if (key === DATA_CRITERION_KEYS.operationsReady) {
    return facts.operationsProblems.length === 0 ? null : facts.operationsProblems.join("; ");
  }
  return null;
}

export function isDataCriterion(key: string): boolean {
  return (Object.values(DATA_CRITERION_KEYS) as string[]).includes(key);
}
