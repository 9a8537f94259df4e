// POST /api/v1/services/{serviceId}/items — create a work item in a service
import { createItem } from "@/lib/openapi/operations";
import { operationRoute } from "@/server/http/operation-route";
import { createItem as createItemUseCase } from "@/server/services/items/create-item";

export const POST = operationRoute(createItem, async ({ actor, params, body }) => ({
  status: 201,
  body: await createItemUseCase(actor, params.serviceId, body),
}));
