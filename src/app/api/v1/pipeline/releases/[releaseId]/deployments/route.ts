// POST /api/v1/pipeline/releases/{releaseId}/deployments — a pipeline reports a deployment's result
import { reportDeployment } from "@/lib/openapi/release-operations";
import { operationRoute } from "@/server/http/operation-route";
import { reportDeployment as reportDeploymentUseCase } from "@/server/services/releases/report-deployment";

export const POST = operationRoute(reportDeployment, async ({ actor, params, body }) => {
  const { duplicate, ...deployment } = await reportDeploymentUseCase(actor, params.releaseId, body);
  // The same externalId again: the first delivery stands and nothing was written.
  return duplicate ? { status: 200, body: deployment } : { status: 201, body: deployment };
});
