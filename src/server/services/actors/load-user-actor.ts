import "server-only";
import type Database from "better-sqlite3";
import { db, sqliteDirect } from "@/server/db";
import type { Actor } from "@/domain/permissions";
import type { Role } from "@/domain/roles";

/**
 * The signed-in person with every (team, role) they hold. In a matrix organisation a pool
 * member's roles also apply in each delivery team their pool is assigned to.
 */
export async function loadUserActor(userId: string): Promise<Extract<Actor, { kind: "user" }> | null> {
  return (await loadUserSession(userId))?.actor ?? null;
}

type UserSession = { actor: Extract<Actor, { kind: "user" }>; sessionVersion: number };

/**
 * The actor and the user's current sessionVersion (a request needs both). Every request reads
 * this, so on SQLite it is two prepared statements on the adapter's connection (~0.05 ms)
 * rather than Prisma's nested query (~2–3 ms of WASM compile and mapping, bench/README.md).
 */
export async function loadUserSession(userId: string): Promise<UserSession | null> {
  const direct = sqliteDirect();
  const sync = direct ? await direct.run((c) => ({ found: readOnSqlite(c, userId) })) : null;
  if (sync) return sync.found;
  return loadUserSessionWithPrisma(userId);
}

const prepared = new WeakMap<Database.Database, { user: Database.Statement; memberships: Database.Statement }>();

function readOnSqlite(c: Database.Database, userId: string): UserSession | null {
  let st = prepared.get(c);
  if (!st) {
    st = {
      user: c.prepare(`SELECT "id", "name", "isAdmin", "disabled", "sessionVersion" FROM "User" WHERE "id" = ?`).safeIntegers(false),
      memberships: c
        .prepare(
          `SELECT m."id", m."teamId", m."role", a."deliveryTeamId" FROM "Membership" m
             LEFT JOIN "TeamAssignment" a ON a."poolTeamId" = m."teamId"
            WHERE m."userId" = ? ORDER BY m."id", a."id"`,
        )
        .safeIntegers(false),
    };
    prepared.set(c, st);
  }
  const user = st.user.get(userId) as { id: string; name: string; isAdmin: number; disabled: number; sessionVersion: number } | undefined;
  if (!user || user.disabled) return null;
  const rows = st.memberships.all(userId) as { id: string; teamId: string; role: Role; deliveryTeamId: string | null }[];
  const memberships: { teamId: string; role: Role }[] = [];
  let last = "";
  for (const r of rows) {
    // One row per (membership, assignment): the membership itself once, then each assignment.
    if (r.id !== last) memberships.push({ teamId: r.teamId, role: r.role });
    last = r.id;
    if (r.deliveryTeamId) memberships.push({ teamId: r.deliveryTeamId, role: r.role });
  }
  return {
    actor: { kind: "user", userId: user.id, name: user.name, isAdmin: user.isAdmin === 1, memberships },
    sessionVersion: user.sessionVersion,
  };
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
