import "server-only";
import type { Actor } from "@/domain/permissions";
import { ROLES, type Role } from "@/domain/roles";
import { AppError } from "@/lib/errors";
import type { TTeamList } from "@/lib/schemas/admin";
import { assertCan } from "@/server/auth/authorize";
import { db } from "@/server/db";

/** The organisations with their layout, and every team with its members, roles and pool assignments. */
export async function listTeams(actor: Actor): Promise<TTeamList> {
  await assertCan(actor, "team.manage", { global: true });
  if (actor.kind !== "user" || !actor.isAdmin) throw new AppError("FORBIDDEN", "Only admins list teams.");
  const [organizations, teams] = await Promise.all([
    db.organization.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, layout: true } }),
    db.team.findMany({
      orderBy: [{ kind: "asc" }, { name: "asc" }],
      select: {
        id: true,
        orgId: true,
        name: true,
        kind: true,
        discipline: true,
        memberships: { select: { role: true, user: { select: { id: true, name: true, email: true } } } },
        assignedPools: { select: { poolTeamId: true } },
        assignedTo: { select: { deliveryTeamId: true } },
      },
    }),
  ]);
  return {
    organizations: organizations.map((o) => ({ ...o, layout: o.layout as "FLAT" | "MATRIX" })),
    teams: teams.map((t) => {
      const members = new Map<string, { userId: string; name: string; email: string; roles: Role[] }>();
      for (const m of t.memberships) {
        const entry = members.get(m.user.id) ?? { userId: m.user.id, name: m.user.name, email: m.user.email, roles: [] };
        entry.roles.push(m.role as Role);
        members.set(m.user.id, entry);
      }
      for (const m of members.values()) m.roles.sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
      return {
        id: t.id,
        orgId: t.orgId,
        name: t.name,
        kind: t.kind as "DELIVERY" | "POOL",
        discipline: t.discipline,
        members: [...members.values()].sort((a, b) => a.name.localeCompare(b.name)),
        assignedPoolIds: t.assignedPools.map((a) => a.poolTeamId),
        servesTeamIds: t.assignedTo.map((a) => a.deliveryTeamId),
      };
    }),
  };
}
