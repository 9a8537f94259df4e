// The metrics wall's operations (issue 11). Listed in OPERATIONS by ./operations.ts.
import { z } from "zod";
import { ZId } from "@/lib/schemas/common";
import { ZMetricsQuery, ZServiceMetrics } from "@/lib/schemas/metrics";
import type { Operation } from "./operations";

function defineOperation<const O extends Operation>(op: O): O {
  return op;
}

const ZServiceParams = z.object({ serviceId: ZId.describe("The service's id (or its key)") });

export const getServiceMetrics = defineOperation({
  operationId: "getServiceMetrics",
  method: "GET",
  path: "/api/v1/services/{serviceId}/metrics",
  summary: "The metrics wall for a period, from the event log: VSM, lead time, CFD, WIP, throughput, aging WIP, forecast, DORA",
  description:
    "Definitions: docs/decisions/007-flow-metrics.md. Default period: the last 90 days; at most two years. " +
    "`format=csv&chart=cfd` (or vsm, wip, throughput, lead-time, aging, forecast, dora) answers that chart's table as text/csv instead.",
  tags: ["metrics"],
  auth: true,
  params: ZServiceParams,
  query: ZMetricsQuery,
  responses: { 200: { description: "The numbers, with the sequence number they include (format=csv: text/csv)", schema: ZServiceMetrics } },
  errors: {
    400: { description: "A bad period (each wrong field named): not a date, `from` after `to`, longer than two years; or format=csv without a chart" },
    403: { description: "An API token without service.view" },
    404: { description: "No such service, or not yours" },
  },
});

export const METRICS_OPERATIONS: readonly Operation[] = [getServiceMetrics];
