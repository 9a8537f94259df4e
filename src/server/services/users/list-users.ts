import "server-only";
import type { Actor } from "@/domain/permissions";
import type { Role } from "@/domain/roles";
import { AppError } from "@/lib/errors";
import type { TUserSummary } from "@/lib/schemas/admin";
import { assertCan } from "@/server/auth/authorize";
import { db } from "@/server/db";

/** Every user with their team roles, for the admin pages. Never a hash or an invitation secret. */
export async function listUsers(actor: Actor): Promise<TUserSummary[]> {
  await assertCan(actor, "team.manage", { global: true });
  if (actor.kind !== "user" || !actor.isAdmin) throw new AppError("FORBIDDEN", "Only admins list users.");
  const rows = await db.user.findMany({
    orderBy: [{ name: "asc" }, { email: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      isAdmin: true,
      disabled: true,
      passwordHash: true,
      inviteTokenHash: true,
      memberships: { select: { teamId: true, role: true, team: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    isAdmin: u.isAdmin,
    disabled: u.disabled,
    invitePending: !u.passwordHash && !!u.inviteTokenHash,
    memberships: u.memberships.map((m) => ({ teamId: m.teamId, teamName: m.team.name, role: m.role as Role })),
  }));
}
