import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { visibleServiceWhere } from "@/server/auth/authorize";
import type { Db, Tx } from "@/server/db";

export type VisibleService = { id: string; key: string; name: string; teamId: string; lastSeq: number };

/** The service named by id or key, if the actor may see it; missing and not yours are both 404. */
export async function findVisibleService(client: Tx | Db, actor: Actor, serviceKeyOrId: string): Promise<VisibleService> {
  const service = await client.service.findFirst({
    where: { OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }], ...visibleServiceWhere(actor) },
    select: { id: true, key: true, name: true, teamId: true, lastSeq: true },
  });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  return service;
}

/**
 * Takes the service row's write lock for the rest of the transaction. Commands that decide from
 * the service's current ranks or approvals queue here, so each one reads what the previous one
 * committed (PostgreSQL row lock; SQLite runs one write transaction at a time anyway). The
 * Event append of runCommand locks the same row, so this adds no new lock order.
 */
export async function lockService(tx: Tx, serviceId: string): Promise<void> {
  await tx.service.update({ where: { id: serviceId }, data: { lastSeq: { increment: 0 } }, select: { id: true } });
}
