import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { signalAccessChanged } from "@/server/realtime/access-signals";
import { recordAudit } from "@/server/services/audit";

/** Disabling a user ends their sessions and sockets at once (sessionVersion bump). */
export async function setUserDisabled(actor: Actor, userId: string, disabled: boolean) {
  await assertCan(actor, "team.manage", { global: true });
  if (actor.kind !== "user" || !actor.isAdmin) throw new AppError("FORBIDDEN", "Only admins disable users.");
  if (actor.userId === userId && disabled) throw new AppError("RULE_VIOLATION", "You cannot disable yourself.");
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw new AppError("NOT_FOUND", "User not found.");
    await tx.user.update({ where: { id: userId }, data: { disabled, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, actor, disabled ? "user.disabled" : "user.enabled", { userId });
  });
  signalAccessChanged({ userId });
}
