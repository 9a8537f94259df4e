// POST /api/v1/services/{serviceId}/stages — add a stage to a service's value stream
import { addStage } from "@/lib/openapi/flow-operations";
import { operationRoute } from "@/server/http/operation-route";
import { addStage as addStageUseCase } from "@/server/services/stages/add-stage";

export const POST = operationRoute(addStage, async ({ actor, params, body }) => ({
  status: 201,
  body: await addStageUseCase(actor, params.serviceId, body),
}));
