// Problems from data: a wall condition (cause + stage) that persists past the service's
// threshold opens one problem, and only one while it stays open. Pure decisions; the job in
// src/server/services/problems/detect-data-problems.ts reads and writes.
import type { DataCause, KaizenSettings } from "./settings";

/** The key of a condition within a service: one open problem per cause and stage. */
export function dataProblemKey(cause: DataCause, stageId: string | null): string {
  return `${cause}:${stageId ?? "service"}`;
}

/** Globally unique while the problem is open (Problem.openKey is a unique column). */
export function openProblemKey(serviceId: string, key: string): string {
  return `${serviceId}:${key}`;
}

export type Condition = {
  cause: DataCause;
  stageId: string | null;
  title: string;
  definition: string;
  evidence: Record<string, unknown>;
};

export type Signal = { key: string; firstSeenAt: Date };

export type DataProblemPlan = {
  /** conditions seen for the first time: remember since when */
  startSignals: string[];
  /** conditions gone: forget them, so a return starts the clock again */
  endSignals: string[];
  /** conditions past their threshold with no open problem yet */
  open: Array<Condition & { key: string; since: Date }>;
};

export function planDataProblems(input: {
  conditions: readonly Condition[];
  signals: readonly Signal[];
  openKeys: ReadonlySet<string>;
  settings: KaizenSettings;
  now: Date;
}): DataProblemPlan {
  const seen = new Map(input.signals.map((s) => [s.key, s.firstSeenAt]));
  const current = new Set<string>();
  const plan: DataProblemPlan = { startSignals: [], endSignals: [], open: [] };
  for (const c of input.conditions) {
    const key = dataProblemKey(c.cause, c.stageId);
    if (current.has(key)) continue; // one per cause and stage, even if listed twice
    current.add(key);
    const since = seen.get(key) ?? input.now;
    if (!seen.has(key)) plan.startSignals.push(key);
    const hours = input.settings.persistHours[c.cause];
    if (hours === null || input.openKeys.has(key)) continue;
    if (input.now.getTime() - since.getTime() >= hours * 3_600_000) plan.open.push({ ...c, key, since });
  }
  for (const s of input.signals) if (!current.has(s.key)) plan.endSignals.push(s.key);
  return plan;
}
