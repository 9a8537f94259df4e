// POST /api/v1/services/{serviceId}/costs/actuals — the actual cost of a planned month
import { recordActualCost } from "@/lib/openapi/service-wall-operations";
import { operationRoute } from "@/server/http/operation-route";
import { recordActualCost as useCase } from "@/server/services/service-wall/record-actual-cost";

export const POST = operationRoute(recordActualCost, async ({ actor, params, body }) => ({ status: 200, body: await useCase(actor, params.serviceId, body) }));
