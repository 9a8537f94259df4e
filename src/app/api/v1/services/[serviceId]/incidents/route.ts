// POST /api/v1/services/{serviceId}/incidents — open an incident (a person, or a pager's / CI's API token)
import { reportIncident } from "@/lib/openapi/delivery-operations";
import { operationRoute } from "@/server/http/operation-route";
import { reportIncident as reportIncidentUseCase } from "@/server/services/incidents/report-incident";

export const POST = operationRoute(reportIncident, async ({ actor, params, body }) => {
  const incident = await reportIncidentUseCase(actor, params.serviceId, body);
  return incident.duplicate ? { status: 200, body: incident } : { status: 201, body: incident };
});
