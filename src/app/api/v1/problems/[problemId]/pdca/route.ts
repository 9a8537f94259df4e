// POST /api/v1/problems/{problemId}/pdca — move through PDCA (closing records the new standard)
import { movePdca } from "@/lib/openapi/kaizen-operations";
import { operationRoute } from "@/server/http/operation-route";
import { movePdca as movePdcaUseCase } from "@/server/services/problems/move-pdca";

export const POST = operationRoute(movePdca, async ({ actor, params, body }) => ({
  status: 200,
  body: await movePdcaUseCase(actor, params.problemId, body),
}));
