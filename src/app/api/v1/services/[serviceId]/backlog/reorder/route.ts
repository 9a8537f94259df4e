// POST /api/v1/services/{serviceId}/backlog/reorder — move one item between two neighbours (Service Master)
import { reorderBacklog } from "@/lib/openapi/backlog-operations";
import { operationRoute } from "@/server/http/operation-route";
import { reorderBacklogItem } from "@/server/services/backlog/reorder-backlog-item";

export const POST = operationRoute(reorderBacklog, async ({ actor, params, body }) => ({
  status: 200,
  body: await reorderBacklogItem(actor, params.serviceId, body),
}));
