import "server-only";
import { mayRecordKpi, type Actor, actorUserId } from "@/domain/permissions";
import { isFutureWeek, isoWeekStart, weekKey } from "@/domain/kaizen/weeks";
import { AppError } from "@/lib/errors";
import { ZRecordKpiValueRequest, type TRecordKpiValueRequest } from "@/lib/schemas/kaizen";
import { recordDenied } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { dayToDate, emitProblemUpdated, fieldError, findProblem, touchProblem } from "./problem-access";

/**
 * One value per ISO week (Monday, UTC): entered by the problem's owner or the Process Master, or
 * posted by a monitoring token with the `kaizen.kpi` scope. A second value for a week replaces the
 * first (the week is the key, so a monitoring tool may safely retry). No future weeks.
 */
export async function recordKpiValue(actor: Actor, problemId: string, input: TRecordKpiValueRequest): Promise<{ week: string; value: number }> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const problem = await findProblem(tx, actor, problemId);
    if (!mayRecordKpi(actor, problem.scope, problem)) {
      await recordDenied(actor, "kaizen.kpi", problem.scope);
      throw new AppError("FORBIDDEN", "Only the problem's owner, the Process Master or a monitoring token records the KPI.");
    }
    const cmd = parseInput(ZRecordKpiValueRequest, input);
    const week = isoWeekStart(dayToDate(cmd.week));
    if (isFutureWeek(week, new Date())) {
      throw fieldError("week", "That week has not started yet: record it once it has.");
    }
    if (problem.pdca === "CLOSED") throw new AppError("RULE_VIOLATION", "A closed problem does not change.", { rule: "PROBLEM_CLOSED" });
    if (!problem.kpiName || problem.kpiTarget === null) {
      throw new AppError("RULE_VIOLATION", "Define the KPI and its target before recording values.", { rule: "NO_KPI" });
    }
    // The problem row's lock first: two posts for one week queue here instead of racing the upsert.
    await touchProblem(tx, problem.id);
    await tx.kpiValue.upsert({
      where: { problemId_weekStart: { problemId: problem.id, weekStart: week } },
      create: { problemId: problem.id, weekStart: week, value: cmd.value },
      update: { value: cmd.value },
    });
    await emitProblemUpdated(tx, emit, problem.id, "kpi");
    return { week: weekKey(week), value: cmd.value };
  });
  return result;
}
