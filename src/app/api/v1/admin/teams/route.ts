// GET /api/v1/admin/teams — organisations, teams, members with roles, pool assignments (admins only)
// POST /api/v1/admin/teams — create a delivery team or an expert pool
import { adminCreateTeam, adminListTeams } from "@/lib/openapi/operations";
import { operationRoute } from "@/server/http/operation-route";
import { createTeam } from "@/server/services/teams/create-team";
import { listTeams } from "@/server/services/teams/list-teams";

export const GET = operationRoute(adminListTeams, async ({ actor }) => ({ status: 200, body: await listTeams(actor) }));

export const POST = operationRoute(adminCreateTeam, async ({ actor, body }) => {
  const team = await createTeam(actor, body);
  return { status: 201, body: { ...team, kind: team.kind as "DELIVERY" | "POOL" } };
});
