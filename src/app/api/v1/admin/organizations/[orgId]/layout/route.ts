// PUT /api/v1/admin/organizations/{orgId}/layout — lay the organisation out flat or as a matrix
import { adminSetOrgLayout } from "@/lib/openapi/operations";
import { operationRoute } from "@/server/http/operation-route";
import { setOrgLayout } from "@/server/services/teams/set-org-layout";

export const PUT = operationRoute(adminSetOrgLayout, async ({ actor, params, body }) => ({
  status: 200,
  body: await setOrgLayout(actor, params.orgId, body),
}));
