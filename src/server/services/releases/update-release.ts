import "server-only";
import type { Actor } from "@/domain/permissions";
import { isStale } from "@/domain/releases";
import { AppError } from "@/lib/errors";
import { ZUpdateReleaseRequest, type TUpdateReleaseRequest } from "@/lib/schemas/release";
import { assertCan } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { actorIdOf, findVisibleRelease } from "./load-release";
import { readRelease } from "./read-releases";
import { toDate } from "./release-dto";

/** Renames a release, moves its target date or sets its pipeline status, naming the version seen. */
export async function updateRelease(actor: Actor, releaseId: string, input: TUpdateReleaseRequest) {
  const { result } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const release = await findVisibleRelease(tx, actor, releaseId);
    await assertCan(actor, "release.manage", { teamId: release.service.teamId, serviceId: release.serviceId });
    const cmd = parseInput(ZUpdateReleaseRequest, input);
    if (isStale(release, cmd.expectedVersion)) {
      throw new AppError("VERSION_CONFLICT", `The release changed since you saw it (version ${cmd.expectedVersion}, now ${release.version}).`, {
        current: await readRelease(tx, release.id),
      });
    }
    if (cmd.name !== undefined && cmd.name !== release.name) {
      const taken = await tx.release.findFirst({ where: { serviceId: release.serviceId, name: cmd.name }, select: { id: true } });
      if (taken) throw new AppError("CONFLICT", `Release ${cmd.name} exists already in this service.`);
    }
    const name = cmd.name ?? release.name;
    const targetDate = cmd.targetDate === undefined ? release.targetDate : toDate(cmd.targetDate);
    const pipelineStatus = cmd.pipelineStatus ?? release.pipelineStatus;
    // The version in the WHERE makes check and write one step against a concurrent update.
    const updated = await tx.release.updateMany({
      where: { id: release.id, version: cmd.expectedVersion },
      data: { name, targetDate, pipelineStatus, version: { increment: 1 } },
    });
    if (updated.count !== 1) {
      throw new AppError("VERSION_CONFLICT", "The release changed while you were updating it.", {
        current: await readRelease(tx, release.id),
      });
    }
    emit(release.serviceId, "release.updated", {
      releaseId: release.id,
      name,
      targetDate: targetDate ? targetDate.toISOString() : null,
      pipelineStatus,
      version: release.version + 1,
    });
    return readRelease(tx, release.id);
  });
  return result;
}
