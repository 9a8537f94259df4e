// GET /api/v1/items/{itemId} — a card's detail (fields, done-criteria, stories, RfC, release)
// PATCH /api/v1/items/{itemId} — edit an item's fields, naming the version you saw
import { getItemDetail, updateItem } from "@/lib/openapi/flow-operations";
import { operationRoute } from "@/server/http/operation-route";
import { getItemDetail as getItemDetailUseCase } from "@/server/services/items/get-item-detail";
import { updateItem as updateItemUseCase } from "@/server/services/items/update-item";

export const PATCH = operationRoute(updateItem, async ({ actor, params, body }) => ({
  status: 200,
  body: await updateItemUseCase(actor, params.itemId, body),
}));

export const GET = operationRoute(getItemDetail, async ({ actor, params }) => ({
  status: 200,
  body: await getItemDetailUseCase(actor, params.itemId),
}));
