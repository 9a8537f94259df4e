// GET /api/v1/services/{serviceId}/weekly — the weekly synchronisation agenda of a service (?week=2026-W49)
import { getServiceWeekly } from "@/lib/openapi/weekly-operations";
import { operationRoute } from "@/server/http/operation-route";
import { getWeeklyAgenda } from "@/server/services/weekly/get-weekly-agenda";

export const GET = operationRoute(getServiceWeekly, async ({ actor, params, query }) => ({ status: 200, body: await getWeeklyAgenda(actor, params.serviceId, query) }));
