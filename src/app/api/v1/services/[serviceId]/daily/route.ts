// GET /api/v1/services/{serviceId}/daily — the daily feedback view: what changed since the previous working day
import { getServiceDaily } from "@/lib/openapi/portfolio-operations";
import { operationRoute } from "@/server/http/operation-route";
import { getDailyView } from "@/server/services/daily/get-daily-view";

export const GET = operationRoute(getServiceDaily, async ({ actor, params }) => ({ status: 200, body: await getDailyView(actor, params.serviceId) }));
