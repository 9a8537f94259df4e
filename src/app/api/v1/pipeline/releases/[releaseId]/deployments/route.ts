// POST /api/v1/pipeline/releases/{releaseId}/deployments — a pipeline reports a deployment's result
import { reportDeployment } from "@/lib/openapi/release-operations";
import { operationRoute } from "@/server/http/operation-route";
import { reportDeployment as reportDeploymentUseCase } from "@/server/services/releases/report-deployment";

export const POST = operationRoute(reportDeployment, async ({ actor, params, body }) => ({
  status: 201,
  body: await reportDeploymentUseCase(actor, params.releaseId, body),
}));
