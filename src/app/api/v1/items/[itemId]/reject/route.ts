// POST /api/v1/items/{itemId}/reject — send an item back upstream with the defect found
import { rejectItem } from "@/lib/openapi/flow-operations";
import { operationRoute } from "@/server/http/operation-route";
import { rejectItem as rejectItemUseCase } from "@/server/services/items/reject-item";

export const POST = operationRoute(rejectItem, async ({ actor, params, body }) => ({
  status: 200,
  body: await rejectItemUseCase(actor, params.itemId, body),
}));
