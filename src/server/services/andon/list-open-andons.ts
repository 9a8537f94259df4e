import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import type { TAndon } from "@/lib/schemas/andon";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { ANDON_SELECT, toAndonDto } from "./andon-dto";

/** The open andons of a service, oldest first (the TV banner's list). */
export async function listOpenAndons(actor: Actor, serviceId: string): Promise<TAndon[]> {
  const service = await db.service.findFirst({
    where: { OR: [{ id: serviceId }, { key: serviceId }], ...visibleServiceWhere(actor) },
    select: { id: true, teamId: true },
  });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  await assertCan(actor, "service.view", { teamId: service.teamId, serviceId: service.id });
  const rows = await db.andon.findMany({
    where: { serviceId: service.id, releasedAt: null },
    orderBy: { pulledAt: "asc" },
    select: ANDON_SELECT,
  });
  return rows.map(toAndonDto);
}
