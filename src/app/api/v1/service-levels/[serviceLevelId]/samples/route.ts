// POST /api/v1/service-levels/{serviceLevelId}/samples — monitoring posts availability samples
import { postAvailabilitySamples } from "@/lib/openapi/service-wall-operations";
import { operationRoute } from "@/server/http/operation-route";
import { recordAvailability } from "@/server/services/service-wall/record-availability";

export const POST = operationRoute(postAvailabilitySamples, async ({ actor, params, body }) => ({ status: 201, body: await recordAvailability(actor, params.serviceLevelId, body) }));
