import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZUpdateProblemRequest, type TUpdateProblemRequest } from "@/lib/schemas/kaizen";
import { assertCan } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { assertTeamMember, claimProblemVersion, emitProblemUpdated, findProblem } from "./problem-access";

/**
 * Edits the plan of a problem: its definition, five whys (the whole chain, the last is the root
 * cause), hypothesis, owner and weekly KPI. Versioned. A closed problem is history: refused.
 */
export async function updateProblem(actor: Actor, problemId: string, input: TUpdateProblemRequest): Promise<{ id: string; version: number }> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const problem = await findProblem(tx, actor, problemId);
    await assertCan(actor, "kaizen.edit", problem.scope);
    const cmd = parseInput(ZUpdateProblemRequest, input);
    if (problem.pdca === "CLOSED") {
      throw new AppError("RULE_VIOLATION", "A closed problem does not change: open a new one linked to it.", { rule: "PROBLEM_CLOSED" });
    }
    if (cmd.ownerId) await assertTeamMember(tx, problem.scope.teamId, cmd.ownerId, "ownerId");
    const version = await claimProblemVersion(tx, problem.id, cmd.version, {
      ...(cmd.title !== undefined ? { title: cmd.title } : {}),
      ...(cmd.definition !== undefined ? { definition: cmd.definition } : {}),
      ...(cmd.hypothesis !== undefined ? { hypothesis: cmd.hypothesis || null } : {}),
      ...(cmd.ownerId !== undefined ? { ownerId: cmd.ownerId } : {}),
      ...(cmd.kpi
        ? {
            kpiName: cmd.kpi.name,
            kpiUnit: cmd.kpi.unit,
            kpiHigherIsBetter: cmd.kpi.higherIsBetter,
            kpiBaseline: cmd.kpi.baseline ?? null,
            kpiTarget: cmd.kpi.target,
          }
        : {}),
    });
    if (cmd.whys) {
      await tx.why.deleteMany({ where: { problemId: problem.id } });
      await tx.why.createMany({ data: cmd.whys.map((text, i) => ({ problemId: problem.id, position: i + 1, text })) });
    }
    await emitProblemUpdated(tx, emit, problem.id, "plan");
    return { id: problem.id, version };
  });
  return result;
}
