import "server-only";
import type { Action, Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import type { Tx } from "@/server/db";

/** A service level the actor may see (404 otherwise), with the action allowed on its service. */
export async function levelFor(tx: Tx, actor: Actor, serviceLevelId: string, action: Action) {
  const level = await tx.serviceLevel.findFirst({
    where: { id: serviceLevelId, service: visibleServiceWhere(actor) },
    select: { id: true, serviceId: true, kind: true, name: true, target: true, unit: true, higherIsBetter: true, windowDays: true, service: { select: { teamId: true } } },
  });
  if (!level) throw new AppError("NOT_FOUND", "Service level not found.");
  await assertCan(actor, action, { teamId: level.service.teamId, serviceId: level.serviceId });
  return level;
}
