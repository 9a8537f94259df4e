import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { listAccessTokens } from "./list-access-tokens";

/** The token settings page of a service named by key or id: the service and its tokens (403 / 404 as the API). */
export async function getTokenSettings(actor: Actor, serviceKeyOrId: string) {
  const service = await db.service.findFirst({
    where: { OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }], ...visibleServiceWhere(actor) },
    select: { id: true, key: true, name: true, teamId: true },
  });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  const tokens = await listAccessTokens(actor, service.id);
  return { service, tokens };
}
