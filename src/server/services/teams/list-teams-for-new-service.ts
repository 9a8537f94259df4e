import "server-only";
import { can, type Actor } from "@/domain/permissions";
import { db } from "@/server/db";

/** The teams the actor may create a service for (service.create in the one matrix), by name. */
export async function listTeamsForNewService(actor: Actor): Promise<Array<{ id: string; name: string }>> {
  if (actor.kind !== "user") return [];
  const teamIds = actor.isAdmin ? undefined : [...new Set(actor.memberships.map((m) => m.teamId))];
  const teams = await db.team.findMany({
    where: teamIds ? { id: { in: teamIds } } : {},
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  return teams.filter((t) => can(actor, "service.create", { teamId: t.id }));
}
