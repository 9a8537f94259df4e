import "server-only";
import { historiesAsOf } from "@/domain/metrics/as-of";
import { flowReport } from "@/domain/metrics/flow-report";
import type { Period } from "@/domain/metrics/period";
import { defaultLeadTimeBounds, type MetricStage } from "@/domain/metrics/stages";
import type { FlowFigures } from "@/domain/weekly";
import { foldUpTo } from "./flow-fold";

/**
 * Lead time (median, end to end) and throughput (items done) of each period, exactly as the
 * metrics wall computes them for that period (getServiceMetrics: the one fold of the service's
 * log, seen as of the period's end, through flowReport). null: the period has not started,
 * or the service has no lead-time bounds.
 */
export async function flowFigures(
  service: { id: string; lastSeq: number },
  stages: readonly MetricStage[],
  periods: readonly Period[],
  nowMs: number,
): Promise<Array<FlowFigures | null>> {
  const bounds = defaultLeadTimeBounds(stages);
  if (!bounds) return periods.map(() => null);
  const fold = await foldUpTo(service.id, service.lastSeq);
  return periods.map((p) => {
    const period = { from: p.from, to: Math.min(p.to, nowMs) };
    if (period.from >= period.to) return null;
    const asOf = period.to;
    const histories = asOf >= nowMs ? fold.histories : historiesAsOf(fold.histories.values(), asOf);
    const e2e = flowReport(histories, stages, bounds, period, asOf).endToEnd;
    return { throughput: e2e.finished, leadTimeP50: e2e.leadTime.p50 };
  });
}
