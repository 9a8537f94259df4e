// POST /api/v1/problems/{problemId}/countermeasures — add a countermeasure with owner and due date
import { addCountermeasure } from "@/lib/openapi/kaizen-operations";
import { operationRoute } from "@/server/http/operation-route";
import { addCountermeasure as addCountermeasureUseCase } from "@/server/services/problems/add-countermeasure";

export const POST = operationRoute(addCountermeasure, async ({ actor, params, body }) => ({
  status: 201,
  body: await addCountermeasureUseCase(actor, params.problemId, body),
}));
