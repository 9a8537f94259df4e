// PUT /api/v1/problems/{problemId}/kpi-values — record a week's KPI value (people or monitoring tokens)
import { recordKpiValue } from "@/lib/openapi/kaizen-operations";
import { operationRoute } from "@/server/http/operation-route";
import { recordKpiValue as recordKpiValueUseCase } from "@/server/services/problems/record-kpi-value";

export const PUT = operationRoute(recordKpiValue, async ({ actor, params, body }) => ({
  status: 200,
  body: await recordKpiValueUseCase(actor, params.problemId, body),
}));
