// POST /api/v1/incidents/{incidentId}/resolve — resolve an incident (now, or at resolvedAt)
import { resolveIncident } from "@/lib/openapi/delivery-operations";
import { operationRoute } from "@/server/http/operation-route";
import { resolveIncident as resolveIncidentUseCase } from "@/server/services/incidents/resolve-incident";

export const POST = operationRoute(resolveIncident, async ({ actor, params, body }) => ({
  status: 200,
  body: await resolveIncidentUseCase(actor, params.incidentId, body),
}));
