// POST /api/v1/service-levels/{serviceLevelId}/measurements — a measured value of a target
import { recordServiceLevelMeasurement } from "@/lib/openapi/service-wall-operations";
import { operationRoute } from "@/server/http/operation-route";
import { recordMeasurement } from "@/server/services/service-wall/record-measurement";

export const POST = operationRoute(recordServiceLevelMeasurement, async ({ actor, params, body }) => ({ status: 201, body: await recordMeasurement(actor, params.serviceLevelId, body) }));
