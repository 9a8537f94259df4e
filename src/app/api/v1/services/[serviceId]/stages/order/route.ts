// PUT /api/v1/services/{serviceId}/stages/order — put a service's stages in a new order
import { reorderStages } from "@/lib/openapi/flow-operations";
import { operationRoute } from "@/server/http/operation-route";
import { reorderStages as reorderStagesUseCase } from "@/server/services/stages/reorder-stages";

export const PUT = operationRoute(reorderStages, async ({ actor, params, body }) => ({
  status: 200,
  body: { stages: await reorderStagesUseCase(actor, params.serviceId, body) },
}));
