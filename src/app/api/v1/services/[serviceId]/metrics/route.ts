// GET /api/v1/services/{serviceId}/metrics — the metrics wall as JSON, or one chart's table as CSV
import { getServiceMetrics } from "@/lib/openapi/metrics-operations";
import { json, withActor } from "@/server/http/handler";
import { getServiceMetrics as getServiceMetricsUseCase } from "@/server/services/metrics/get-service-metrics";
import { metricsCsv } from "@/server/services/metrics/metrics-csv";
import { parseInput } from "@/server/services/parse-input";

// Not operationRoute: the CSV answer is text, which operationRoute (JSON only) cannot send.
// The same operation's schemas parse the request, and the test of the registry sees it bound.
const route = withActor<{ serviceId: string }>(async ({ req, actor, params }) => {
  const { serviceId } = parseInput(getServiceMetrics.params, params);
  const raw = Object.fromEntries(new URL(req.url).searchParams);
  const query = parseInput(getServiceMetrics.query, raw);
  const metrics = await getServiceMetricsUseCase(actor, serviceId, raw);
  if (query.format === "json" || !query.chart) return json(metrics);
  return new Response(metricsCsv(metrics, query.chart), {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${metrics.service.key}-${query.chart}-${metrics.period.from.slice(0, 10)}-${metrics.period.to.slice(0, 10)}.csv"`,
    },
  });
});

export const GET = Object.assign(route, { operation: getServiceMetrics });
