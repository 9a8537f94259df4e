// GET /api/v1/services/{serviceId}/playback?at=<ISO time> — the value-stream wall as it was at that moment
import { getWallPlayback } from "@/lib/openapi/operations";
import { operationRoute } from "@/server/http/operation-route";
import { getWallAt } from "@/server/services/walls/get-wall-at";

export const GET = operationRoute(getWallPlayback, async ({ actor, params, query }) => ({
  status: 200,
  body: await getWallAt(actor, params.serviceId, new Date(query.at)),
}));
