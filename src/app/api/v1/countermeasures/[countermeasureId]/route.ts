// PATCH /api/v1/countermeasures/{countermeasureId} — mark done/open (owner or Process Master) or edit
import { updateCountermeasure } from "@/lib/openapi/kaizen-operations";
import { operationRoute } from "@/server/http/operation-route";
import { updateCountermeasure as updateCountermeasureUseCase } from "@/server/services/problems/update-countermeasure";

export const PATCH = operationRoute(updateCountermeasure, async ({ actor, params, body }) => ({
  status: 200,
  body: await updateCountermeasureUseCase(actor, params.countermeasureId, body),
}));
