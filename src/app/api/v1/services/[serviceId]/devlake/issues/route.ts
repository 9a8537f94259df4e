// POST /api/v1/services/{serviceId}/devlake/issues — Apache DevLake's webhook issue payload (incidents)
import { devlakeIssue } from "@/lib/openapi/delivery-operations";
import { operationRoute } from "@/server/http/operation-route";
import { intakeDevLakeIssue } from "@/server/services/devlake/intake-devlake-issue";

export const POST = operationRoute(devlakeIssue, async ({ actor, params, body }) => ({
  status: 200,
  body: await intakeDevLakeIssue(actor, params.serviceId, body),
}));
