// PUT /api/v1/admin/pool-assignments — assign an expert pool to a delivery team, or withdraw it
import { adminAssignPool } from "@/lib/openapi/operations";
import { operationRoute } from "@/server/http/operation-route";
import { assignPool } from "@/server/services/teams/set-org-layout";

export const PUT = operationRoute(adminAssignPool, async ({ actor, body }) => ({
  status: 200,
  body: await assignPool(actor, body),
}));
