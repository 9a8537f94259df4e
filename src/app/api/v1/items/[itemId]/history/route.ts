// GET /api/v1/items/{itemId}/history — an item's history from its events, and its comments
import { getItemHistory } from "@/lib/openapi/flow-operations";
import { operationRoute } from "@/server/http/operation-route";
import { getItemHistory as getItemHistoryUseCase } from "@/server/services/items/get-item-history";

export const GET = operationRoute(getItemHistory, async ({ actor, params }) => ({
  status: 200,
  body: await getItemHistoryUseCase(actor, params.itemId),
}));
