// POST /api/v1/services/{serviceId}/problems/detect — run the problems-from-data check now
import { detectDataProblems } from "@/lib/openapi/kaizen-operations";
import { operationRoute } from "@/server/http/operation-route";
import { detectDataProblems as detectDataProblemsUseCase } from "@/server/services/problems/detect-data-problems";

export const POST = operationRoute(detectDataProblems, async ({ actor, params }) => ({
  status: 200,
  body: await detectDataProblemsUseCase(actor, params.serviceId),
}));
