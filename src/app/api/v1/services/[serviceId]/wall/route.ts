// GET /api/v1/services/{serviceId}/wall — the value-stream wall snapshot of a service
import { getWall } from "@/lib/openapi/operations";
import { operationRoute } from "@/server/http/operation-route";
import { getWallSnapshot } from "@/server/services/walls/get-wall-snapshot";

export const GET = operationRoute(getWall, async ({ actor, params }) => ({
  status: 200,
  body: await getWallSnapshot(actor, params.serviceId),
}));
