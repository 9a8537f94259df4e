// GET  /api/v1/services/{serviceId}/problems — the Kaizen wall (problems and proposals)
// POST /api/v1/services/{serviceId}/problems — open a problem by hand
import { getKaizenWall, openProblem } from "@/lib/openapi/kaizen-operations";
import { operationRoute } from "@/server/http/operation-route";
import { getKaizenWall as getKaizenWallUseCase } from "@/server/services/problems/get-kaizen-wall";
import { openProblem as openProblemUseCase } from "@/server/services/problems/open-problem";

export const GET = operationRoute(getKaizenWall, async ({ actor, params }) => ({
  status: 200,
  body: await getKaizenWallUseCase(actor, params.serviceId),
}));

export const POST = operationRoute(openProblem, async ({ actor, params, body }) => ({
  status: 201,
  body: await openProblemUseCase(actor, params.serviceId, body),
}));
