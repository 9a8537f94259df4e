import "server-only";
import { now } from "@/server/clock";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZCreateReleaseRequest, type TCreateReleaseRequest } from "@/lib/schemas/release";
import { assertCan } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { ensureDefaultGateCriteria } from "./ensure-default-gate-criteria";
import { actorIdOf, findVisibleService } from "./load-release";
import { assertItemsMayJoin } from "./release-items";
import { readRelease } from "./read-releases";
import { toDate } from "./release-dto";

/** Creates a release of a service with the items it carries; the service gets its default gate criteria. */
export async function createRelease(actor: Actor, serviceKeyOrId: string, input: TCreateReleaseRequest) {
  const { result } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const service = await findVisibleService(tx, actor, serviceKeyOrId);
    await assertCan(actor, "release.manage", { teamId: service.teamId, serviceId: service.id });
    const cmd = parseInput(ZCreateReleaseRequest, input);

    const taken = await tx.release.findFirst({ where: { serviceId: service.id, name: cmd.name }, select: { id: true } });
    if (taken) throw new AppError("CONFLICT", `Release ${cmd.name} exists already in this service.`);
    const itemIds = [...new Set(cmd.itemIds)];
    await assertItemsMayJoin(tx, service.id, itemIds, null);

    await ensureDefaultGateCriteria(tx, emit, service.id);
    const targetDate = toDate(cmd.targetDate);
    const created = await tx.release.create({
      data: { serviceId: service.id, name: cmd.name, targetDate, pipelineStatus: cmd.pipelineStatus, createdAt: now() },
      select: { id: true },
    });
    if (itemIds.length > 0) {
      await tx.workItem.updateMany({ where: { id: { in: itemIds }, serviceId: service.id }, data: { releaseId: created.id } });
    }
    emit(service.id, "release.created", {
      releaseId: created.id,
      name: cmd.name,
      targetDate: targetDate ? targetDate.toISOString() : null,
      itemIds,
    });
    return readRelease(tx, created.id);
  });
  return result;
}
