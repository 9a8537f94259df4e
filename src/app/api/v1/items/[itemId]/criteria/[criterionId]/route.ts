// PUT /api/v1/items/{itemId}/criteria/{criterionId} — tick or untick a done-criterion of the item's stage
import { setItemCriterion } from "@/lib/openapi/flow-operations";
import { operationRoute } from "@/server/http/operation-route";
import { setItemCriterion as setItemCriterionUseCase } from "@/server/services/items/set-item-criterion";

export const PUT = operationRoute(setItemCriterion, async ({ actor, params, body }) => ({
  status: 200,
  body: await setItemCriterionUseCase(actor, params.itemId, params.criterionId, body),
}));
