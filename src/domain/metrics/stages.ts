// The stages a metric is computed over: current and retired ones, in board order.

export type MetricStage = { id: string; key: string; name: string; position: number; retired: boolean };

/** Which stages start and end lead time (entering them), chosen per service. */
export type LeadTimeBounds = { startStageId: string; doneStageId: string };

/** The method's defaults: committed = entering Requirements & design; done = entering Operations. */
export function defaultLeadTimeBounds(stages: readonly MetricStage[]): LeadTimeBounds | null {
  const live = [...stages].sort((a, b) => a.position - b.position);
  const start = live.find((s) => s.key === "requirements") ?? live[0];
  const done = live.find((s) => s.key === "operations") ?? live[live.length - 1];
  if (!start || !done) return null;
  return { startStageId: start.id, doneStageId: done.id };
}

/** Position lookup; a stage the service no longer has sorts before all others. */
export function positionsOf(stages: readonly MetricStage[]): Map<string, number> {
  return new Map(stages.map((s) => [s.id, s.position]));
}
