// POST /api/v1/services/{serviceId}/service-levels — an SLA or OLA target, directly or from an operations story
import { createServiceLevel } from "@/lib/openapi/service-wall-operations";
import { operationRoute } from "@/server/http/operation-route";
import { createServiceLevel as useCase } from "@/server/services/service-wall/create-service-level";

export const POST = operationRoute(createServiceLevel, async ({ actor, params, body }) => ({ status: 201, body: await useCase(actor, params.serviceId, body) }));
