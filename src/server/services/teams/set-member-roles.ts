import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZSetMemberRolesRequest } from "@/lib/schemas/identity";
import { assertCan } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { signalAccessChanged } from "@/server/realtime/access-signals";
import { parseInput } from "@/server/services/parse-input";
import { recordAudit } from "@/server/services/audit";

/**
 * Sets the complete set of roles a user holds in a team (empty = removed from the team).
 * Open sockets of that user are cut so they rejoin with their new rights.
 */
export async function setMemberRoles(actor: Actor, teamId: string, input: unknown) {
  await assertCan(actor, "team.manage", { teamId });
  const cmd = parseInput(ZSetMemberRolesRequest, input);
  if (cmd.roles.includes("ADMIN")) {
    throw new AppError("VALIDATION_FAILED", "ADMIN is granted on the user, not as a team role.");
  }
  const result = await db.$transaction(async (tx) => {
    const [team, user] = await Promise.all([
      tx.team.findUnique({ where: { id: teamId }, select: { id: true } }),
      tx.user.findUnique({ where: { id: cmd.userId }, select: { id: true } }),
    ]);
    if (!team) throw new AppError("NOT_FOUND", "Team not found.");
    if (!user) throw new AppError("NOT_FOUND", "User not found.");
    await tx.membership.deleteMany({ where: { teamId, userId: cmd.userId, role: { notIn: cmd.roles } } });
    const existing = await tx.membership.findMany({ where: { teamId, userId: cmd.userId }, select: { role: true } });
    const have = new Set(existing.map((m) => m.role));
    const missing = cmd.roles.filter((r) => !have.has(r));
    if (missing.length) {
      await tx.membership.createMany({ data: missing.map((role) => ({ teamId, userId: cmd.userId, role })) });
    }
    await recordAudit(tx, actor, "membership.changed", { teamId, userId: cmd.userId, roles: cmd.roles });
    return { teamId, userId: cmd.userId, roles: cmd.roles };
  });
  signalAccessChanged({ userId: cmd.userId });
  return result;
}
