// POST /api/v1/items/{itemId}/comments — comment on an item
import { commentOnItem } from "@/lib/openapi/flow-operations";
import { operationRoute } from "@/server/http/operation-route";
import { commentOnItem as commentOnItemUseCase } from "@/server/services/items/comment-on-item";

export const POST = operationRoute(commentOnItem, async ({ actor, params, body }) => ({
  status: 201,
  body: await commentOnItemUseCase(actor, params.itemId, body),
}));
