import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZAnswerProposalRequest, type TAnswerProposalRequest } from "@/lib/schemas/kaizen";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { addCountermeasureInTx } from "@/server/services/problems/add-countermeasure";
import { addCriterionFromKaizen } from "@/server/services/problems/move-pdca";
import { assertTeamMember, emitProblemUpdated, fieldError } from "@/server/services/problems/problem-access";

/**
 * The upstream stage answers a proposal: accept or decline, with a reason. Accepting may turn it,
 * in the same command, into a countermeasure on an open problem or a done-criterion of the
 * upstream stage. Versioned: of two people answering at once, one answers, the other is told.
 */
export async function answerProposal(actor: Actor, proposalId: string, input: TAnswerProposalRequest): Promise<{ id: string; status: "ACCEPTED" | "DECLINED"; countermeasureId: string | null; criterionId: string | null }> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const proposal = await tx.kaizenProposal.findFirst({
      where: { id: proposalId, service: visibleServiceWhere(actor) },
      select: { id: true, serviceId: true, toStageId: true, status: true, version: true, service: { select: { teamId: true } } },
    });
    if (!proposal) throw new AppError("NOT_FOUND", "Proposal not found.");
    const scope = { teamId: proposal.service.teamId, serviceId: proposal.serviceId };
    await assertCan(actor, "kaizen.answer", scope);
    const cmd = parseInput(ZAnswerProposalRequest, input);
    if (cmd.decision === "DECLINE" && cmd.becomes) {
      throw fieldError("becomes", "Only an accepted proposal becomes a countermeasure or a done-criterion.");
    }
    const status: "ACCEPTED" | "DECLINED" = cmd.decision === "ACCEPT" ? "ACCEPTED" : "DECLINED";
    const claimed = await tx.kaizenProposal.updateMany({
      where: { id: proposal.id, version: cmd.version, status: "OPEN" },
      data: { status, answer: cmd.reason, answeredById: actorUserId(actor), answeredAt: new Date(), version: { increment: 1 } },
    });
    if (claimed.count !== 1) {
      throw new AppError(
        proposal.status === "OPEN" ? "VERSION_CONFLICT" : "CONFLICT",
        proposal.status === "OPEN" ? "The proposal changed since you saw it: reload and try again." : "The proposal was answered already.",
        { current: null, version: proposal.version },
      );
    }
    let countermeasureId: string | null = null;
    let criterionId: string | null = null;
    let problemId: string | null = null;
    if (cmd.becomes?.kind === "COUNTERMEASURE") {
      const problem = await tx.problem.findFirst({ where: { id: cmd.becomes.problemId, serviceId: proposal.serviceId }, select: { id: true, pdca: true } });
      if (!problem) throw fieldError("becomes.problemId", "That is not a problem of this service.");
      if (problem.pdca === "CLOSED") throw new AppError("RULE_VIOLATION", "That problem is closed: pick an open one.", { rule: "PROBLEM_CLOSED" });
      await assertTeamMember(tx, scope.teamId, cmd.becomes.ownerId, "becomes.ownerId");
      const full = await tx.kaizenProposal.findUniqueOrThrow({ where: { id: proposal.id }, select: { proposal: true } });
      countermeasureId = (await addCountermeasureInTx(tx, problem.id, { description: full.proposal.slice(0, 1000), ownerId: cmd.becomes.ownerId, dueDate: cmd.becomes.dueDate ?? null })).id;
      problemId = problem.id;
    } else if (cmd.becomes?.kind === "CRITERION") {
      criterionId = await addCriterionFromKaizen(tx, emit, proposal.serviceId, proposal.toStageId, cmd.becomes.text);
    }
    if (countermeasureId || criterionId) {
      await tx.kaizenProposal.update({ where: { id: proposal.id }, data: { problemId, countermeasureId, criterionId } });
    }
    emit(proposal.serviceId, "kaizen.answered", { proposalId: proposal.id, status, countermeasureId, criterionId, problemId });
    if (problemId) await emitProblemUpdated(tx, emit, problemId, "proposal");
    return { id: proposal.id, status, countermeasureId, criterionId };
  });
  return result;
}
