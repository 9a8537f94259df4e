// PATCH /api/v1/items/{itemId} — edit an item's fields, naming the version you saw
import { updateItem } from "@/lib/openapi/flow-operations";
import { operationRoute } from "@/server/http/operation-route";
import { updateItem as updateItemUseCase } from "@/server/services/items/update-item";

export const PATCH = operationRoute(updateItem, async ({ actor, params, body }) => ({
  status: 200,
  body: await updateItemUseCase(actor, params.itemId, body),
}));
