// POST /api/v1/items/{itemId}/move — move an item to another stage (409 with the current item when stale)
import { moveItem } from "@/lib/openapi/operations";
import { operationRoute } from "@/server/http/operation-route";
import { moveItem as moveItemUseCase } from "@/server/services/items/move-item";

export const POST = operationRoute(moveItem, async ({ actor, params, body }) => ({
  status: 200,
  body: await moveItemUseCase(actor, params.itemId, body),
}));
