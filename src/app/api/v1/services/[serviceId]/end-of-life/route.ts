// POST /api/v1/services/{serviceId}/end-of-life — the Service Master decides the end of life
import { decideEndOfLife } from "@/lib/openapi/service-wall-operations";
import { operationRoute } from "@/server/http/operation-route";
import { decideEndOfLife as useCase } from "@/server/services/service-wall/decide-end-of-life";

export const POST = operationRoute(decideEndOfLife, async ({ actor, params, body }) => ({ status: 200, body: await useCase(actor, params.serviceId, body) }));
