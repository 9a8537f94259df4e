// PUT /api/v1/services/{serviceId}/mri-required — which MRI entries the service must keep
import { setMriRequired } from "@/lib/openapi/service-wall-operations";
import { operationRoute } from "@/server/http/operation-route";
import { setMriRequired as useCase } from "@/server/services/service-wall/mri-commands";

export const PUT = operationRoute(setMriRequired, async ({ actor, params, body }) => ({ status: 200, body: await useCase(actor, params.serviceId, body) }));
