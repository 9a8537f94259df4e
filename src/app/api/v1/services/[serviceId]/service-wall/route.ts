// GET /api/v1/services/{serviceId}/service-wall — the service wall: problems, MRI, service levels, recovery, cost, end of life
import { getServiceWall } from "@/lib/openapi/service-wall-operations";
import { operationRoute } from "@/server/http/operation-route";
import { getServiceWall as getServiceWallUseCase } from "@/server/services/service-wall/get-service-wall";

export const GET = operationRoute(getServiceWall, async ({ actor, params }) => ({ status: 200, body: await getServiceWallUseCase(actor, params.serviceId) }));
