// POST /api/v1/services/{serviceId}/import — import items from CSV (dry run by default; all rows or none)
import { importBacklog } from "@/lib/openapi/backlog-operations";
import { operationRoute } from "@/server/http/operation-route";
import { importBacklog as importBacklogUseCase } from "@/server/services/backlog/import-backlog";

export const POST = operationRoute(importBacklog, async ({ actor, params, body }) => {
  const report = await importBacklogUseCase(actor, params.serviceId, body);
  return { status: report.dryRun ? 200 : 201, body: report };
});
