import "server-only";
import { type Action, type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import type { Db, Tx } from "@/server/db";

export const SERVICE_HEAD_SELECT = {
  id: true,
  key: true,
  name: true,
  teamId: true,
  status: true,
  version: true,
  lastSeq: true,
  rpoMinutes: true,
  rtoMinutes: true,
  recoveryTestIntervalDays: true,
  mriRequiredKinds: true,
  endOfLifeDate: true,
  endOfLifeConditions: true,
  endOfLifePlan: true,
  endOfLifeDecidedAt: true,
  endOfLifeDecidedById: true,
} as const;

/**
 * The service a service-wall command acts on: visible to the actor (404 for missing and not
 * yours) and the action allowed by the matrix (403). A retired service is refused later, by
 * runCommand, for every command alike.
 */
export async function serviceFor(tx: Tx | Db, actor: Actor, serviceKeyOrId: string, action: Action) {
  const service = await tx.service.findFirst({
    where: { AND: [{ OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }] }, visibleServiceWhere(actor)] },
    select: SERVICE_HEAD_SELECT,
  });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  await assertCan(actor, action, { teamId: service.teamId, serviceId: service.id });
  return service;
}

/** The service's row version as the caller saw it, or 409 with the current one. */
export async function bumpServiceVersion(tx: Tx, serviceId: string, expectedVersion: number): Promise<number> {
  const { count } = await tx.service.updateMany({ where: { id: serviceId, version: expectedVersion }, data: { version: { increment: 1 } } });
  if (count === 0) {
    const now = await tx.service.findUnique({ where: { id: serviceId }, select: { version: true } });
    throw new AppError("VERSION_CONFLICT", "The service was changed since you looked: reload and try again.", { current: { version: now?.version ?? null } });
  }
  return expectedVersion + 1;
}

export const actorIdOf = (actor: Actor) => (actorUserId(actor));

/** The Operations stage (stable key) of a service, else its first open stage: where service problems show. */
export async function operationsStageId(tx: Tx | Db, serviceId: string, key = "operations"): Promise<string | null> {
  const stages = await tx.stage.findMany({ where: { serviceId, retired: false }, orderBy: { position: "asc" }, select: { id: true, key: true } });
  return (stages.find((s) => s.key === key) ?? stages.find((s) => s.key === "operations") ?? stages[0])?.id ?? null;
}

export const lastSeqOf = (events: readonly { serviceId: string; seq: number }[], serviceId: string) =>
  events.filter((e) => e.serviceId === serviceId).reduce((m, e) => Math.max(m, e.seq), 0);
