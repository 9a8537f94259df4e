import "server-only";
import type { Actor } from "@/domain/permissions";
import { can } from "@/domain/permissions";
import { poolMatrix, type PoolMatrix } from "@/domain/pool-matrix";
import { visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";

/**
 * The portfolio's matrix view (issue 13.1): expert pools × the services the actor may see. Every
 * read is scoped in its query to the teams of those services — pools assigned to them, their
 * members, the teams' own members — so another team's service, pool or membership never loads,
 * and "spread over N teams" counts only teams the actor sees. Five queries, one transaction.
 */
export async function getPoolMatrix(actor: Actor): Promise<PoolMatrix & { layout: "FLAT" | "MATRIX" }> {
  return db.$transaction(async (tx) => {
    const visible = await tx.service.findMany({
      where: visibleServiceWhere(actor),
      select: { id: true, key: true, name: true, teamId: true, team: { select: { name: true, org: { select: { layout: true } } } } },
    });
    const services = visible.filter((s) => can(actor, "service.view", { teamId: s.teamId, serviceId: s.id }));
    const layout = services.some((s) => s.team.org.layout === "MATRIX") ? "MATRIX" : "FLAT";
    const teamIds = [...new Set(services.map((s) => s.teamId))];
    const [assignments, members] = await Promise.all([
      tx.teamAssignment.findMany({ where: { deliveryTeamId: { in: teamIds } }, select: { poolTeamId: true, deliveryTeamId: true } }),
      tx.membership.findMany({ where: { teamId: { in: teamIds } }, select: { teamId: true, role: true, user: { select: { id: true, name: true, disabled: true } } } }),
    ]);
    const poolIds = [...new Set(assignments.map((a) => a.poolTeamId))];
    const [pools, poolMembers] = await Promise.all([
      tx.team.findMany({ where: { id: { in: poolIds }, kind: "POOL" }, select: { id: true, name: true, discipline: true } }),
      tx.membership.findMany({ where: { teamId: { in: poolIds } }, select: { teamId: true, role: true, user: { select: { id: true, name: true, disabled: true } } } }),
    ]);
    const teamName = new Map(services.map((s) => [s.teamId, s.team.name]));
    const masters = new Map<string, Set<string>>();
    for (const m of members) {
      if (m.role === "SERVICE_MASTER" && !m.user.disabled) masters.set(m.teamId, (masters.get(m.teamId) ?? new Set()).add(m.user.name));
    }
    const rolesByPool = new Map<string, Map<string, { userId: string; name: string; roles: string[] }>>();
    for (const m of poolMembers) {
      if (m.user.disabled) continue;
      const people = rolesByPool.get(m.teamId) ?? new Map();
      const person = people.get(m.user.id) ?? { userId: m.user.id, name: m.user.name, roles: [] };
      person.roles.push(m.role);
      people.set(m.user.id, person);
      rolesByPool.set(m.teamId, people);
    }
    const matrix = poolMatrix({
      services: services.map(({ id, key, name, teamId }) => ({ id, key, name, teamId })),
      teams: teamIds.map((id) => ({ id, name: teamName.get(id)!, serviceMasters: [...(masters.get(id) ?? [])] })),
      pools: pools.map((p) => ({ ...p, members: [...(rolesByPool.get(p.id)?.values() ?? [])] })),
      assignments,
      members: members.filter((m) => !m.user.disabled).map((m) => ({ userId: m.user.id, name: m.user.name, teamId: m.teamId })),
    });
    return { layout, ...matrix };
  });
}
