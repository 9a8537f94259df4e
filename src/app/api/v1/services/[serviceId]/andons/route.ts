// POST /api/v1/services/{serviceId}/andons — pull the andon on a stage or an item (opens a Kaizen problem)
// GET  /api/v1/services/{serviceId}/andons — the open andons of a service
import { listOpenAndons, pullAndon } from "@/lib/openapi/flow-operations";
import { operationRoute } from "@/server/http/operation-route";
import { listOpenAndons as listOpenAndonsUseCase } from "@/server/services/andon/list-open-andons";
import { pullAndon as pullAndonUseCase } from "@/server/services/andon/pull-andon";

export const POST = operationRoute(pullAndon, async ({ actor, params, body }) => ({
  status: 201,
  body: await pullAndonUseCase(actor, params.serviceId, body),
}));

export const GET = operationRoute(listOpenAndons, async ({ actor, params }) => ({
  status: 200,
  body: { andons: await listOpenAndonsUseCase(actor, params.serviceId) },
}));
