import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";

/** The tokens of a service, never their secrets. */
export async function listAccessTokens(actor: Actor, serviceId: string) {
  const service = await db.service.findFirst({
    where: { id: serviceId, ...visibleServiceWhere(actor) },
    select: { id: true, teamId: true },
  });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  await assertCan(actor, "token.manage", { teamId: service.teamId, serviceId });
  const rows = await db.accessToken.findMany({
    where: { serviceId },
    orderBy: { createdAt: "desc" },
    select: { id: true, kind: true, name: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}
