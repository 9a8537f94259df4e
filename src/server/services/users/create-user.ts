import "server-only";
import { randomBytes } from "node:crypto";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZCreateUserRequest, type TCreateUserRequest } from "@/lib/schemas/identity";
import { assertCan } from "@/server/auth/authorize";
import { hashPassword } from "@/server/auth/password";
import { hashToken } from "@/server/auth/request-actor";
import { db } from "@/server/db";
import { parseInput } from "@/server/services/parse-input";
import { recordAudit } from "@/server/services/audit";

const INVITE_DAYS = 7;

/** Admin creates a user: with a password, or invited (a one-time secret returned once). */
export async function createUser(actor: Actor, input: TCreateUserRequest) {
  await assertCan(actor, "team.manage", { global: true });
  if (actor.kind !== "user" || !actor.isAdmin) throw new AppError("FORBIDDEN", "Only admins create users.");
  const cmd = parseInput(ZCreateUserRequest, input);
  const inviteSecret = cmd.password ? null : `inv_${randomBytes(24).toString("base64url")}`;
  const passwordHash = cmd.password ? await hashPassword(cmd.password) : null;
  return db.$transaction(async (tx) => {
    const clash = await tx.user.findUnique({ where: { email: cmd.email }, select: { id: true } });
    if (clash) throw new AppError("CONFLICT", `A user with email ${cmd.email} exists already.`);
    const user = await tx.user.create({
      data: {
        email: cmd.email,
        name: cmd.name,
        isAdmin: cmd.isAdmin,
        passwordHash,
        inviteTokenHash: inviteSecret ? hashToken(inviteSecret) : null,
        inviteExpiresAt: inviteSecret ? new Date(Date.now() + INVITE_DAYS * 86_400_000) : null,
      },
      select: { id: true, email: true, name: true, isAdmin: true },
    });
    await recordAudit(tx, actor, "user.created", { userId: user.id, invited: !!inviteSecret });
    return { user, inviteSecret };
  });
}
