import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZAddCountermeasureRequest, type TAddCountermeasureRequest } from "@/lib/schemas/kaizen";
import { assertCan } from "@/server/auth/authorize";
import type { Tx } from "@/server/db";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { assertTeamMember, dayToDate, emitProblemUpdated, findProblem, touchProblem } from "./problem-access";

/** Inside a transaction: the countermeasure row (also used when a Kaizen-in-advance proposal is accepted). */
export async function addCountermeasureInTx(tx: Tx, problemId: string, c: { description: string; ownerId: string; dueDate: string | null }) {
  const row = await tx.countermeasure.create({
    data: { problemId, description: c.description, ownerId: c.ownerId, dueDate: c.dueDate ? dayToDate(c.dueDate) : null },
    select: { id: true },
  });
  await touchProblem(tx, problemId);
  return row;
}

/** A countermeasure taken in daily work, with an owner from the team and a due date. */
export async function addCountermeasure(actor: Actor, problemId: string, input: TAddCountermeasureRequest): Promise<{ id: string }> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const problem = await findProblem(tx, actor, problemId);
    await assertCan(actor, "kaizen.edit", problem.scope);
    const cmd = parseInput(ZAddCountermeasureRequest, input);
    if (problem.pdca === "CLOSED") throw new AppError("RULE_VIOLATION", "A closed problem does not change.", { rule: "PROBLEM_CLOSED" });
    await assertTeamMember(tx, problem.scope.teamId, cmd.ownerId, "ownerId");
    const row = await addCountermeasureInTx(tx, problem.id, { description: cmd.description, ownerId: cmd.ownerId, dueDate: cmd.dueDate ?? null });
    await emitProblemUpdated(tx, emit, problem.id, "countermeasure");
    return row;
  });
  return result;
}
