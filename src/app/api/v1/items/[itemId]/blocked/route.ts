// PUT /api/v1/items/{itemId}/blocked — block an item with a reason, or unblock it
import { setItemBlocked } from "@/lib/openapi/flow-operations";
import { operationRoute } from "@/server/http/operation-route";
import { setItemBlocked as setItemBlockedUseCase } from "@/server/services/items/set-item-blocked";

export const PUT = operationRoute(setItemBlocked, async ({ actor, params, body }) => ({
  status: 200,
  body: await setItemBlockedUseCase(actor, params.itemId, body),
}));
