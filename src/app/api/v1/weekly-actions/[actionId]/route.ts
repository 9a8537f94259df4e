// PATCH /api/v1/weekly-actions/{actionId} — mark a weekly action done or open again
import { updateWeeklyAction } from "@/lib/openapi/weekly-operations";
import { operationRoute } from "@/server/http/operation-route";
import { updateWeeklyAction as updateWeeklyActionUseCase } from "@/server/services/weekly/update-weekly-action";

export const PATCH = operationRoute(updateWeeklyAction, async ({ actor, params, body }) => ({
  status: 200,
  body: await updateWeeklyActionUseCase(actor, params.actionId, body),
}));
