// POST /api/v1/services/{serviceId}/devlake/deployments — Apache DevLake's webhook deployment payload
import { devlakeDeployment } from "@/lib/openapi/delivery-operations";
import { operationRoute } from "@/server/http/operation-route";
import { intakeDevLakeDeployment } from "@/server/services/devlake/intake-devlake-deployment";

export const POST = operationRoute(devlakeDeployment, async ({ actor, params, body }) => ({
  status: 200,
  body: await intakeDevLakeDeployment(actor, params.serviceId, body),
}));
