// PATCH /api/v1/stages/{stageId} — configure a stage: name, WIP limit, age threshold, retired, done-criteria
import { updateStage } from "@/lib/openapi/flow-operations";
import { operationRoute } from "@/server/http/operation-route";
import { updateStage as updateStageUseCase } from "@/server/services/stages/update-stage";

export const PATCH = operationRoute(updateStage, async ({ actor, params, body }) => ({
  status: 200,
  body: await updateStageUseCase(actor, params.stageId, body),
}));
