// POST /api/v1/services/{serviceId}/costs — plan a month's operating cost in a category
import { planCost } from "@/lib/openapi/service-wall-operations";
import { operationRoute } from "@/server/http/operation-route";
import { planCost as useCase } from "@/server/services/service-wall/plan-cost";

export const POST = operationRoute(planCost, async ({ actor, params, body }) => ({ status: 201, body: await useCase(actor, params.serviceId, body) }));
