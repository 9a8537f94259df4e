// GET /api/v1/services/{serviceId}/wall — the value-stream wall snapshot of a service
import { getWall } from "@/lib/openapi/operations";
import { operationRoute } from "@/server/http/operation-route";
import { getWallSnapshotCached } from "@/server/services/walls/wall-snapshot-cache";

export const GET = operationRoute(getWall, async ({ actor, params }) => ({
  status: 200,
  body: await getWallSnapshotCached(actor, params.serviceId),
}));
