import "server-only";
import type { Actor } from "@/domain/permissions";
import { isStale } from "@/domain/releases";
import { AppError } from "@/lib/errors";
import { ZChangeReleaseItemsRequest, type TChangeReleaseItemsRequest } from "@/lib/schemas/release";
import { assertCan } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { actorIdOf, findVisibleRelease } from "./load-release";
import { readRelease } from "./read-releases";
import { assertItemsMayJoin } from "./release-items";

/**
 * Adds items to a release and removes others, naming the release version seen. Items added after
 * a GO were not decided on: the Deployment gate keeps them out until the next decision.
 */
export async function changeReleaseItems(actor: Actor, releaseId: string, input: TChangeReleaseItemsRequest) {
  const { result } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const release = await findVisibleRelease(tx, actor, releaseId);
    await assertCan(actor, "release.manage", { teamId: release.service.teamId, serviceId: release.serviceId });
    const cmd = parseInput(ZChangeReleaseItemsRequest, input);
    if (isStale(release, cmd.expectedVersion)) {
      throw new AppError("VERSION_CONFLICT", `The release changed since you saw it (version ${cmd.expectedVersion}, now ${release.version}).`, {
        current: await readRelease(tx, release.id),
      });
    }
    const add = [...new Set(cmd.add)];
    const remove = [...new Set(cmd.remove)];
    if (add.some((id) => remove.includes(id))) {
      throw new AppError("VALIDATION_FAILED", "An item cannot be added and removed at once.");
    }
    await assertItemsMayJoin(tx, release.serviceId, add, release.id);
    const current = await tx.workItem.findMany({ where: { releaseId: release.id }, select: { id: true } });
    const inRelease = new Set(current.map((i) => i.id));
    const added = add.filter((id) => !inRelease.has(id));
    const removed = remove.filter((id) => inRelease.has(id));
    if (remove.length !== removed.length) {
      throw new AppError("RULE_VIOLATION", "Some items to remove are not in this release.", {
        rule: "ITEM_NOT_IN_RELEASE",
        itemIds: remove.filter((id) => !inRelease.has(id)),
      });
    }

    const bumped = await tx.release.updateMany({
      where: { id: release.id, version: cmd.expectedVersion },
      data: { version: { increment: 1 } },
    });
    if (bumped.count !== 1) {
      throw new AppError("VERSION_CONFLICT", "The release changed while you were changing its items.", {
        current: await readRelease(tx, release.id),
      });
    }
    if (added.length > 0) await tx.workItem.updateMany({ where: { id: { in: added } }, data: { releaseId: release.id } });
    if (removed.length > 0) await tx.workItem.updateMany({ where: { id: { in: removed } }, data: { releaseId: null } });
    emit(release.serviceId, "release.items.changed", { releaseId: release.id, added, removed, version: release.version + 1 });
    return readRelease(tx, release.id);
  });
  return result;
}
