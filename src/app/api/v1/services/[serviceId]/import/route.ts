// POST /api/v1/services/{serviceId}/import — import items from CSV (dry run by default; all rows or none;
// once per Idempotency-Key)
import { importBacklog } from "@/lib/openapi/backlog-operations";
import { operationRoute } from "@/server/http/operation-route";
import { importBacklog as importBacklogUseCase } from "@/server/services/backlog/import-backlog";
import { readIdempotencyKey } from "@/server/services/idempotency/idempotent-request";

export const POST = operationRoute(importBacklog, async ({ req, actor, params, body }) => {
  const idempotencyKey = readIdempotencyKey(req);
  const { replayed: _replayed, ...report } = await importBacklogUseCase(actor, params.serviceId, body, { idempotencyKey });
  void _replayed;
  return { status: report.dryRun ? 200 : 201, body: report };
});
