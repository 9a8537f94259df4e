import "server-only";
import type Database from "better-sqlite3";
import type { Actor } from "@/domain/permissions";
import type { Role } from "@/domain/roles";

// The per-request read of the signed-in person on SQLite (docs/decisions/006): two prepared
// statements on the connection Prisma's adapter owns (~0.05 ms) rather than Prisma's nested query
// (~2–3 ms of WASM compile and mapping). load-user-actor.ts holds the same read through Prisma
// (PostgreSQL, and the reference tests/integration/identity.test.ts compares this one with).

export type UserSession = { actor: Extract<Actor, { kind: "user" }>; sessionVersion: number };

const prepared = new WeakMap<Database.Database, { user: Database.Statement; memberships: Database.Statement }>();

export function readUserSessionOnSqlite(c: Database.Database, userId: string): UserSession | null {
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
