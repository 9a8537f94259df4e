import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZPullAndonRequest, type TAndon, type TPullAndonRequest } from "@/lib/schemas/andon";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { openProblemInTx } from "@/server/services/problems/open-problem";
import { ANDON_SELECT, toAndonDto } from "./andon-dto";

/**
 * Anyone in the team stops the line: an andon on a stage, or on an item (its current stage
 * stops). While it is open the stage accepts no new items from upstream. A Kaizen problem
 * (source ANDON) is opened in the same transaction.
 */
export async function pullAndon(actor: Actor, serviceId: string, input: TPullAndonRequest): Promise<TAndon> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const service = await tx.service.findFirst({
      where: { OR: [{ id: serviceId }, { key: serviceId }], ...visibleServiceWhere(actor) },
      select: { id: true, teamId: true },
    });
    if (!service) throw new AppError("NOT_FOUND", "Service not found.");
    await assertCan(actor, "andon.pull", { teamId: service.teamId, serviceId: service.id });
    const cmd = parseInput(ZPullAndonRequest, input);

    let stage: { id: string; name: string; retired: boolean } | null;
    let item: { id: string; title: string } | null = null;
    if (cmd.itemId) {
      const row = await tx.workItem.findFirst({
        where: { id: cmd.itemId, serviceId: service.id },
        select: { id: true, title: true, stage: { select: { id: true, name: true, retired: true } } },
      });
      if (!row) throw new AppError("NOT_FOUND", "Item not found in this service.");
      item = row;
      stage = row.stage;
    } else {
      stage = await tx.stage.findFirst({ where: { id: cmd.stageId!, serviceId: service.id }, select: { id: true, name: true, retired: true } });
      if (!stage) throw new AppError("NOT_FOUND", "Stage not found in this service.");
    }
    if (stage.retired) throw new AppError("RULE_VIOLATION", `${stage.name} is retired.`, { rule: "STAGE_RETIRED" });
    // Serialise with moves into this stage (which lock its row) so none slips past the stop.
    await tx.stage.updateMany({ where: { id: stage.id }, data: { version: { increment: 0 } } });
    const already = await tx.andon.findFirst({
      where: { stageId: stage.id, itemId: item ? item.id : null, releasedAt: null },
      select: { id: true },
    });
    if (already) {
      throw new AppError("RULE_VIOLATION", `The andon is already pulled on ${item ? "this item" : stage.name}.`, {
        rule: "ANDON_ALREADY_PULLED",
        andonId: already.id,
      });
    }

    const by = actorUserId(actor);
    const title = item ? `Andon on "${item.title}" in ${stage.name}: ${cmd.reason}` : `Andon in ${stage.name}: ${cmd.reason}`;
    const problem = await openProblemInTx(tx, emit, {
      serviceId: service.id,
      stageId: stage.id,
      source: "ANDON",
      title: title.slice(0, 300),
      definition: cmd.reason,
      ownerId: by,
    });
    const andon = await tx.andon.create({
      data: { serviceId: service.id, stageId: stage.id, itemId: item?.id ?? null, reason: cmd.reason, pulledById: by, problemId: problem.id },
      select: ANDON_SELECT,
    });
    emit(service.id, "andon.pulled", {
      andonId: andon.id,
      stageId: stage.id,
      itemId: andon.itemId,
      reason: andon.reason,
      problemId: problem.id,
    });
    return toAndonDto(andon);
  });
  return result;
}
