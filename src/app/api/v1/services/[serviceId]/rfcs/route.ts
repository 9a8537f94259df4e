// GET /api/v1/services/{serviceId}/rfcs — requests for change with their approvals
// POST /api/v1/services/{serviceId}/rfcs — raise a request for change or maintenance activity
import { listRfcs, raiseRfc } from "@/lib/openapi/backlog-operations";
import { operationRoute } from "@/server/http/operation-route";
import { listRfcs as listRfcsUseCase } from "@/server/services/rfcs/list-rfcs";
import { raiseRfc as raiseRfcUseCase } from "@/server/services/rfcs/raise-rfc";

export const GET = operationRoute(listRfcs, async ({ actor, params, query }) => ({
  status: 200,
  body: await listRfcsUseCase(actor, params.serviceId, query),
}));

export const POST = operationRoute(raiseRfc, async ({ actor, params, body }) => ({
  status: 201,
  body: await raiseRfcUseCase(actor, params.serviceId, body),
}));
