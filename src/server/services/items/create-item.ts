import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { rankAfter } from "@/domain/ranks";
import { AppError } from "@/lib/errors";
import { ZCreateItemRequest, type TCreateItemRequest } from "@/lib/schemas/item";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { lockService } from "@/server/services/backlog/backlog-access";
import { now } from "@/server/clock";
import { parseInput } from "@/server/services/parse-input";
import { ITEM_SELECT, toWorkItemDto } from "./item-dto";

/** Creates a work item at the bottom of the service's backlog, in its first stage unless named. */
export async function createItem(actor: Actor, serviceId: string, input: TCreateItemRequest) {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const service = await tx.service.findFirst({
      where: { id: serviceId, ...visibleServiceWhere(actor) },
      select: { id: true, teamId: true },
    });
    if (!service) throw new AppError("NOT_FOUND", "Service not found.");
    await assertCan(actor, "item.create", { teamId: service.teamId, serviceId });
    const cmd = parseInput(ZCreateItemRequest, input);

    const stage = cmd.stageId
      ? await tx.stage.findFirst({ where: { id: cmd.stageId, serviceId, retired: false }, select: { id: true } })
      : await tx.stage.findFirst({ where: { serviceId, retired: false }, orderBy: { position: "asc" }, select: { id: true } });
    if (!stage) throw new AppError("RULE_VIOLATION", "The service has no such open stage.");

    // Creates queue on the service row, so two of them never read the same last rank.
    await lockService(tx, serviceId);
    const last = await tx.workItem.findFirst({ where: { serviceId }, orderBy: { rank: "desc" }, select: { rank: true } });
    const at = now();
    const row = await tx.workItem.create({
      data: {
        serviceId,
        stageId: stage.id,
        kind: cmd.kind,
        title: cmd.title,
        description: cmd.description,
        labels: cmd.labels,
        businessValue: cmd.businessValue,
        costEstimate: cmd.costEstimate,
        rank: rankAfter(last?.rank ?? null),
        createdById: actorUserId(actor),
        createdAt: at,
        enteredStageAt: at,
      },
      select: ITEM_SELECT,
    });
    const item = toWorkItemDto(row);
    emit(serviceId, "item.created", { item });
    return item;
  });
  return result;
}
