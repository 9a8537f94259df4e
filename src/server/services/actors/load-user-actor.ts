import "server-only";
import { db, sqliteDirect } from "@/server/db";
import type { Actor } from "@/domain/permissions";
import type { Role } from "@/domain/roles";
import { readUserSessionOnSqlite, type UserSession } from "@/server/sqlite/user-session";

/**
 * The signed-in person with every (team, role) they hold. In a matrix organisation a pool
 * member's roles also apply in each delivery team their pool is assigned to.
 */
export async function loadUserActor(userId: string): Promise<Extract<Actor, { kind: "user" }> | null> {
  return (await loadUserSession(userId))?.actor ?? null;
}

/**
 * The actor and the user's current sessionVersion (a request needs both). Every request reads
 * this, so on SQLite it is two prepared statements (src/server/sqlite/user-session.ts).
 */
export async function loadUserSession(userId: string): Promise<UserSession | null> {
  const direct = sqliteDirect();
  const sync = direct ? await direct.run((c) => ({ found: readUserSessionOnSqlite(c, userId) })) : null;
  if (sync) return sync.found;
  return loadUserSessionWithPrisma(userId);
}

/** The same read through Prisma: PostgreSQL, and the reference the SQLite read is tested against. */
export async function loadUserSessionWithPrisma(userId: string): Promise<UserSession | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      isAdmin: true,
      disabled: true,
      sessionVersion: true,
      memberships: {
        select: {
          teamId: true,
          role: true,
          team: { select: { assignedTo: { select: { deliveryTeamId: true } } } },
        },
      },
    },
  });
  if (!user || user.disabled) return null;
  const memberships: { teamId: string; role: Role }[] = [];
  for (const m of user.memberships) {
    memberships.push({ teamId: m.teamId, role: m.role as Role });
    for (const a of m.team.assignedTo) memberships.push({ teamId: a.deliveryTeamId, role: m.role as Role });
  }
  return {
    actor: { kind: "user", userId: user.id, name: user.name, isAdmin: user.isAdmin, memberships },
    sessionVersion: user.sessionVersion,
  };
}
