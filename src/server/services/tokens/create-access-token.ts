import "server-only";
import { randomBytes } from "node:crypto";
import { type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZCreateAccessTokenRequest, type TCreateAccessTokenRequest } from "@/lib/schemas/identity";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { hashToken } from "@/server/auth/request-actor";
import { db } from "@/server/db";
import { parseInput } from "@/server/services/parse-input";
import { recordAudit } from "@/server/services/audit";

/**
 * API tokens (machines) and wall-display tokens (office TVs), scoped to one service.
 * Only the sha-256 of the secret is stored; the secret is returned once, here.
 */
export async function createAccessToken(actor: Actor, serviceId: string, input: TCreateAccessTokenRequest) {
  const service = await db.service.findFirst({
    where: { id: serviceId, ...visibleServiceWhere(actor) },
    select: { id: true, teamId: true },
  });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  await assertCan(actor, "token.manage", { teamId: service.teamId, serviceId });
  const cmd = parseInput(ZCreateAccessTokenRequest, input);
  if (cmd.kind === "API" && cmd.scopes.length === 0) {
    throw new AppError("VALIDATION_FAILED", "scopes: an API token needs at least one action.");
  }
  const secret = `oby_${cmd.kind === "WALL" ? "w" : "a"}_${randomBytes(24).toString("base64url")}`;
  return db.$transaction(async (tx) => {
    const token = await tx.accessToken.create({
      data: {
        kind: cmd.kind,
        serviceId,
        name: cmd.name,
        tokenHash: hashToken(secret),
        scopes: cmd.kind === "WALL" ? ["service.view"] : cmd.scopes,
        createdById: actorUserId(actor),
      },
      select: { id: true, kind: true, name: true, scopes: true, createdAt: true },
    });
    await recordAudit(tx, actor, "token.created", { tokenId: token.id, serviceId, kind: cmd.kind });
    return { token, secret };
  });
}
