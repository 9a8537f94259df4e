// GET /api/v1/services/{serviceId}/gate-criteria — the service's active gate criteria
// POST /api/v1/services/{serviceId}/gate-criteria — add a team's own gate criterion
import { addGateCriterion, listGateCriteria } from "@/lib/openapi/release-operations";
import { operationRoute } from "@/server/http/operation-route";
import { addGateCriterion as addGateCriterionUseCase } from "@/server/services/releases/add-gate-criterion";
import { listGateCriteria as listGateCriteriaUseCase } from "@/server/services/releases/list-gate-criteria";

export const GET = operationRoute(listGateCriteria, async ({ actor, params }) => ({
  status: 200,
  body: await listGateCriteriaUseCase(actor, params.serviceId),
}));

export const POST = operationRoute(addGateCriterion, async ({ actor, params, body }) => ({
  status: 201,
  body: await addGateCriterionUseCase(actor, params.serviceId, body),
}));
