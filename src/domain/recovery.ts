// Recovery objectives: RPO (how much data may be lost, in minutes) and RTO (how long until the
// service is back). A recovery test proves them; one is due every interval.

const DAY_MS = 86_400_000;

export type RecoveryObjectives = { rpoMinutes: number | null; rtoMinutes: number | null; testIntervalDays: number };
export type RecoveryTestFacts = { testedAt: Date; achievedRpoMinutes: number; achievedRtoMinutes: number; passed: boolean; scenario: string };

/** Which objectives a test missed (an objective not set cannot be missed). */
export function missedObjectives(objectives: Pick<RecoveryObjectives, "rpoMinutes" | "rtoMinutes">, test: Pick<RecoveryTestFacts, "achievedRpoMinutes" | "achievedRtoMinutes">) {
  const missed: ("RPO" | "RTO")[] = [];
  if (objectives.rpoMinutes !== null && test.achievedRpoMinutes > objectives.rpoMinutes) missed.push("RPO");
  if (objectives.rtoMinutes !== null && test.achievedRtoMinutes > objectives.rtoMinutes) missed.push("RTO");
  return missed;
}

export type RecoveryState = {
  last: RecoveryTestFacts | null;
  /** no test at all, or the last one is older than the interval */
  overdue: boolean;
  /** when the next test is due (null: never tested, due now) */
  dueAt: Date | null;
  /** the last test failed, or missed RPO/RTO */
  lastFailed: boolean;
  missed: ("RPO" | "RTO")[];
};

export function recoveryState(objectives: RecoveryObjectives, tests: readonly RecoveryTestFacts[], now: Date): RecoveryState {
  const last = [...tests].sort((a, b) => b.testedAt.getTime() - a.testedAt.getTime())[0] ?? null;
  if (!last) return { last: null, overdue: true, dueAt: null, lastFailed: false, missed: [] };
  const dueAt = new Date(last.testedAt.getTime() + objectives.testIntervalDays * DAY_MS);
  const missed = missedObjectives(objectives, last);
  return { last, overdue: now.getTime() > dueAt.getTime(), dueAt, lastFailed: !last.passed || missed.length > 0, missed };
}
