import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { visibleServiceWhere } from "@/server/auth/authorize";
import type { Db, Tx } from "@/server/db";

/** A release the actor may see, with its service's team for the matrix; 404 for missing and not yours. */
export async function findVisibleRelease(tx: Tx | Db, actor: Actor, releaseId: string) {
  const release = await tx.release.findFirst({
    where: { id: releaseId, service: visibleServiceWhere(actor) },
    select: {
      id: true,
      serviceId: true,
      name: true,
      targetDate: true,
      pipelineStatus: true,
      version: true,
      service: { select: { teamId: true } },
    },
  });
  if (!release) throw new AppError("NOT_FOUND", "Release not found.");
  return release;
}

/** A service the actor may see, by id or key; 404 for missing and not yours. */
export async function findVisibleService(tx: Tx | Db, actor: Actor, serviceKeyOrId: string) {
  const service = await tx.service.findFirst({
    where: { AND: [{ OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }] }, visibleServiceWhere(actor)] },
    select: { id: true, key: true, name: true, teamId: true, lastSeq: true },
  });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  return service;
}

export const actorIdOf = (actor: Actor) => (actorUserId(actor));
