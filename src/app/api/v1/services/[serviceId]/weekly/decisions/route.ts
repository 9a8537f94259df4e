// POST /api/v1/services/{serviceId}/weekly/decisions — record a decision of the weekly meeting against an agenda line
import { recordWeeklyDecision } from "@/lib/openapi/weekly-operations";
import { operationRoute } from "@/server/http/operation-route";
import { recordWeeklyDecision as recordWeeklyDecisionUseCase } from "@/server/services/weekly/record-weekly-decision";

export const POST = operationRoute(recordWeeklyDecision, async ({ actor, params, body }) => ({
  status: 201,
  body: await recordWeeklyDecisionUseCase(actor, params.serviceId, body),
}));
