import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZProposeKaizenRequest, type TProposeKaizenRequest } from "@/lib/schemas/kaizen";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";

/**
 * Kaizen in advance: a downstream stage proposes a change to an upstream stage (the problem seen,
 * the change, the expected effect). Only downstream → upstream: the loop feeds back, not forward.
 */
export async function proposeKaizen(actor: Actor, serviceKeyOrId: string, input: TProposeKaizenRequest): Promise<{ id: string }> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const service = await tx.service.findFirst({
      where: { OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }], ...visibleServiceWhere(actor) },
      select: { id: true, teamId: true },
    });
    if (!service) throw new AppError("NOT_FOUND", "Service not found.");
    await assertCan(actor, "kaizen.propose", { teamId: service.teamId, serviceId: service.id });
    const cmd = parseInput(ZProposeKaizenRequest, input);
    const stages = await tx.stage.findMany({
      where: { id: { in: [cmd.fromStageId, cmd.toStageId] }, serviceId: service.id, retired: false },
      select: { id: true, position: true },
    });
    const from = stages.find((s) => s.id === cmd.fromStageId);
    const to = stages.find((s) => s.id === cmd.toStageId);
    if (!from || !to) {
      const path = !from ? "fromStageId" : "toStageId";
      throw new AppError("VALIDATION_FAILED", `${path}: not an open stage of this service.`, { issues: [{ path, message: "Not an open stage of this service" }] });
    }
    if (to.position >= from.position) {
      throw new AppError("RULE_VIOLATION", "A Kaizen-in-advance proposal goes from a downstream stage to an upstream one.", { rule: "NOT_UPSTREAM" });
    }
    const row = await tx.kaizenProposal.create({
      data: {
        serviceId: service.id,
        fromStageId: from.id,
        toStageId: to.id,
        problem: cmd.problem,
        proposal: cmd.proposal,
        expectedEffect: cmd.expectedEffect,
        proposedById: actorUserId(actor),
      },
      select: { id: true },
    });
    emit(service.id, "kaizen.proposed", { proposalId: row.id, fromStageId: from.id, toStageId: to.id });
    return row;
  });
  return result;
}
