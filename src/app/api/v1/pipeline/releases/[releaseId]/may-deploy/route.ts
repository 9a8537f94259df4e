// GET /api/v1/pipeline/releases/{releaseId}/may-deploy — may this release deploy? (standing decision)
import { getMayDeploy } from "@/lib/openapi/release-operations";
import { operationRoute } from "@/server/http/operation-route";
import { getMayDeploy as getMayDeployUseCase } from "@/server/services/releases/get-may-deploy";

export const GET = operationRoute(getMayDeploy, async ({ actor, params }) => ({
  status: 200,
  body: await getMayDeployUseCase(actor, { releaseId: params.releaseId }),
}));
