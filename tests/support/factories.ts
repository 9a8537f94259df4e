// Builders for test data, written through the real database.
import { randomBytes } from "node:crypto";
import { db } from "@/server/db";
import type { Actor } from "@/domain/permissions";
import type { Role } from "@/domain/roles";
import { loadUserActor } from "@/server/services/actors/load-user-actor";

export const uid = () => randomBytes(4).toString("hex");

export async function makeTeam(name = `team-${uid()}`) {
  const org = await db.organization.create({ data: { name: `org-${uid()}` } });
  return db.team.create({ data: { orgId: org.id, name } });
}

export async function makeUser(opts: { teamId?: string; roles?: Role[]; isAdmin?: boolean } = {}) {
  const user = await db.user.create({
    data: {
      email: `u-${uid()}@example.test`,
      name: `User ${uid()}`,
      isAdmin: opts.isAdmin ?? false,
      memberships: opts.teamId
        ? { create: (opts.roles ?? ["DEVELOPER"]).map((role) => ({ teamId: opts.teamId!, role })) }
        : undefined,
    },
  });
  const actor = await loadUserActor(user.id);
  return { user, actor: actor as Actor };
}
