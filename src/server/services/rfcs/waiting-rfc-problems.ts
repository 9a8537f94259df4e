import "server-only";
import { RFC_WAITING_THRESHOLD_HOURS } from "@/domain/approvals";
import type { Db, Tx } from "@/server/db";

export type WaitingRfcProblem = { stageId: string; kind: "RFC_WAITING"; message: string; itemIds: string[]; rfcIds: string[] };

/**
 * Visual control for the value-stream wall: requests for change still waiting for their two
 * keys after the threshold (48 h). Customer-service requests show on the Customer service
 * stage, everything else on Maintenance (DOMAIN.md: where RfCs come from); a service without
 * those stages shows them on its first open stage. itemIds is empty: a waiting RfC has no item
 * yet, rfcIds names them. No authorisation here: the caller has checked the service.
 */
export async function waitingRfcProblems(
  client: Tx | Db,
  serviceId: string,
  now: Date,
  thresholdHours = RFC_WAITING_THRESHOLD_HOURS,
): Promise<WaitingRfcProblem[]> {
  return waitingRfcProblemsMany(client, [serviceId], now, thresholdHours);
}

/** The same for many services at once (the portfolio): two queries, whatever their number. */
export async function waitingRfcProblemsMany(
  client: Tx | Db,
  serviceIds: readonly string[],
  now: Date,
  thresholdHours = RFC_WAITING_THRESHOLD_HOURS,
): Promise<WaitingRfcProblem[]> {
  const cutoff = new Date(now.getTime() - thresholdHours * 3_600_000);
  const ids = [...serviceIds];
  const [waiting, allStages] = await Promise.all([
    client.changeRequest.findMany({
      where: { serviceId: { in: ids }, status: "PENDING", createdAt: { lt: cutoff } },
      orderBy: { createdAt: "asc" },
      select: { id: true, source: true, serviceId: true },
    }),
    client.stage.findMany({ where: { serviceId: { in: ids }, retired: false }, orderBy: { position: "asc" }, select: { id: true, key: true, serviceId: true } }),
  ]);
  if (waiting.length === 0) return [];
  const stagesOf = new Map<string, { id: string; key: string }[]>();
  for (const s of allStages) stagesOf.set(s.serviceId, [...(stagesOf.get(s.serviceId) ?? []), s]);
  const stageFor = (serviceId: string, source: string) => {
    const stages = stagesOf.get(serviceId);
    if (!stages?.length) return null;
    return (stages.find((s) => s.key === (source === "CUSTOMER_SERVICE" ? "customer-service" : "maintenance")) ?? stages[0]!).id;
  };
  const byStage = new Map<string, string[]>();
  for (const r of waiting) {
    const stageId = stageFor(r.serviceId, r.source);
    if (stageId) byStage.set(stageId, [...(byStage.get(stageId) ?? []), r.id]);
  }
  return [...byStage].map(([stageId, rfcIds]) => ({
    stageId,
    kind: "RFC_WAITING" as const,
    message: `${rfcIds.length} ${rfcIds.length === 1 ? "request for change has" : "requests for change have"} waited more than ${thresholdHours} h for approval`,
    itemIds: [],
    rfcIds,
  }));
}
