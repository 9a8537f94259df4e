// PUT /api/v1/admin/teams/{teamId}/members — set the full set of a member's roles in a team (empty removes them)
import { adminSetMemberRoles } from "@/lib/openapi/operations";
import { operationRoute } from "@/server/http/operation-route";
import { setMemberRoles } from "@/server/services/teams/set-member-roles";

export const PUT = operationRoute(adminSetMemberRoles, async ({ actor, params, body }) => ({
  status: 200,
  body: await setMemberRoles(actor, params.teamId, body),
}));
