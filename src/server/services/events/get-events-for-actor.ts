import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { listEventsAfter, type CatchUp } from "./list-events-after";

/**
 * The replay of one service for this actor: the same 404 for "missing" and "not yours",
 * then what the client missed after `afterSeq` (or "reload" when it is too far behind).
 */
export async function getEventsForActor(actor: Actor, serviceKeyOrId: string, afterSeq: number): Promise<CatchUp> {
  const service = await db.service.findFirst({
    where: { OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }], ...visibleServiceWhere(actor) },
    select: { id: true, teamId: true },
  });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  await assertCan(actor, "service.view", { teamId: service.teamId, serviceId: service.id });
  return listEventsAfter(service.id, afterSeq);
}
