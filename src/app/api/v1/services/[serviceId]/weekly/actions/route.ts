// POST /api/v1/services/{serviceId}/weekly/actions — record an action (owner, due date) against an agenda line
import { recordWeeklyAction } from "@/lib/openapi/weekly-operations";
import { operationRoute } from "@/server/http/operation-route";
import { recordWeeklyAction as recordWeeklyActionUseCase } from "@/server/services/weekly/record-weekly-action";

export const POST = operationRoute(recordWeeklyAction, async ({ actor, params, body }) => ({
  status: 201,
  body: await recordWeeklyActionUseCase(actor, params.serviceId, body),
}));
