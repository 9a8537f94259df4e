// GET /api/v1/services/{serviceId}/backlog — the ranked backlog (items not yet done), filtered by kind, stage, label, team
import { getBacklog } from "@/lib/openapi/backlog-operations";
import { operationRoute } from "@/server/http/operation-route";
import { getBacklog as getBacklogUseCase } from "@/server/services/backlog/get-backlog";

export const GET = operationRoute(getBacklog, async ({ actor, params, query }) => ({
  status: 200,
  body: await getBacklogUseCase(actor, params.serviceId, query),
}));
