// GET /api/v1/pipeline/services/{serviceId}/releases/{releaseName}/may-deploy — the same, by version name
import { getMayDeployByName } from "@/lib/openapi/release-operations";
import { operationRoute } from "@/server/http/operation-route";
import { getMayDeploy as getMayDeployUseCase } from "@/server/services/releases/get-may-deploy";

export const GET = operationRoute(getMayDeployByName, async ({ actor, params }) => ({
  status: 200,
  body: await getMayDeployUseCase(actor, { serviceKeyOrId: params.serviceId, releaseName: params.releaseName }),
}));
