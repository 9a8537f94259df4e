// GET /api/v1/services/{serviceId}/export — the backlog as JSON, or as CSV with format=csv
import { exportBacklog } from "@/lib/openapi/backlog-operations";
import { json, withActor } from "@/server/http/handler";
import { exportBacklog as exportBacklogUseCase } from "@/server/services/backlog/export-backlog";
import { parseInput } from "@/server/services/parse-input";

// Not operationRoute: the CSV answer is text, which operationRoute (JSON only) cannot send.
// The same operation's schemas parse the request, and the test of the registry sees it bound.
const route = withActor<{ serviceId: string }>(async ({ req, actor, params }) => {
  const { serviceId } = parseInput(exportBacklog.params, params);
  const { format } = parseInput(exportBacklog.query, Object.fromEntries(new URL(req.url).searchParams));
  if (format === "json") return json(await exportBacklogUseCase(actor, serviceId, "json"));
  const csv = await exportBacklogUseCase(actor, serviceId, "csv");
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="backlog-${serviceId.replace(/[^\w-]/g, "")}-${day}.csv"`,
    },
  });
});

export const GET = Object.assign(route, { operation: exportBacklog });
