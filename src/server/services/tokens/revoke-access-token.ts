import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { signalAccessChanged } from "@/server/realtime/access-signals";
import { recordAudit } from "@/server/services/audit";

/** Revoking is immediate: requests fail at once and the token's open sockets are cut. */
export async function revokeAccessToken(actor: Actor, tokenId: string) {
  const token = await db.accessToken.findFirst({
    where: { id: tokenId, service: visibleServiceWhere(actor) },
    select: { id: true, serviceId: true, revokedAt: true, service: { select: { teamId: true } } },
  });
  if (!token) throw new AppError("NOT_FOUND", "Token not found.");
  await assertCan(actor, "token.manage", { teamId: token.service.teamId, serviceId: token.serviceId });
  if (!token.revokedAt) {
    await db.$transaction(async (tx) => {
      await tx.accessToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
      await recordAudit(tx, actor, "token.revoked", { tokenId: token.id });
    });
  }
  signalAccessChanged({ tokenId: token.id });
  return { id: token.id, revoked: true as const };
}
