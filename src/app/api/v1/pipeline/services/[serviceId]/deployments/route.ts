// POST /api/v1/pipeline/services/{serviceId}/deployments — a pipeline reports a deployment of the service (no release needed)
import { reportServiceDeployment } from "@/lib/openapi/delivery-operations";
import { operationRoute } from "@/server/http/operation-route";
import { reportServiceDeployment as reportServiceDeploymentUseCase } from "@/server/services/deployments/report-service-deployment";

export const POST = operationRoute(reportServiceDeployment, async ({ actor, params, body }) => {
  const record = await reportServiceDeploymentUseCase(actor, params.serviceId, body);
  return record.duplicate ? { status: 200, body: record } : { status: 201, body: record };
});
