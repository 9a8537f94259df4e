// GET   /api/v1/problems/{problemId} — the problem sheet (A3)
// PATCH /api/v1/problems/{problemId} — edit definition, five whys, hypothesis, owner, KPI
import { getProblemSheet, updateProblem } from "@/lib/openapi/kaizen-operations";
import { operationRoute } from "@/server/http/operation-route";
import { getProblemSheet as getProblemSheetUseCase } from "@/server/services/problems/get-problem-sheet";
import { updateProblem as updateProblemUseCase } from "@/server/services/problems/update-problem";

export const GET = operationRoute(getProblemSheet, async ({ actor, params }) => ({
  status: 200,
  body: await getProblemSheetUseCase(actor, params.problemId),
}));

export const PATCH = operationRoute(updateProblem, async ({ actor, params, body }) => ({
  status: 200,
  body: await updateProblemUseCase(actor, params.problemId, body),
}));
