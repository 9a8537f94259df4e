import "server-only";
import { DEPLOYMENT_STAGE_KEY, failedGateMessage, latestDecision, type AssessmentResult, type GateOutcome } from "@/domain/releases";
import type { Db, Tx } from "@/server/db";

export type ReleaseGateProblem = { stageId: string; kind: "FAILED_GATE"; message: string; itemIds: string[] };

/**
 * A standing NO-GO as a problem of the value-stream wall, on the Deployment stage whose entry
 * the gate guards (or, when the service has no open Deployment stage, on the stage of the
 * release's first item). For the wall snapshot: two queries, whatever the number of releases.
 */
export async function releaseGateProblems(tx: Db | Tx, serviceId: string): Promise<ReleaseGateProblem[]> {
  return releaseGateProblemsMany(tx, [serviceId]);
}

/** The same for many services at once (the portfolio): two queries, whatever their number. */
export async function releaseGateProblemsMany(tx: Db | Tx, serviceIds: readonly string[]): Promise<ReleaseGateProblem[]> {
  const ids = [...serviceIds];
  const [releases, deploymentStages] = await Promise.all([
    tx.release.findMany({
      where: { serviceId: { in: ids }, decisions: { some: { outcome: "NO_GO" } } },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        serviceId: true,
        name: true,
        items: { select: { id: true, stageId: true }, orderBy: { rank: "asc" } },
        decisions: {
          select: {
            id: true,
            outcome: true,
            comment: true,
            supersedesId: true,
            createdAt: true,
            assessments: { select: { result: true, reason: true, criterion: { select: { name: true, position: true } } } },
          },
        },
      },
    }),
    tx.stage.findMany({ where: { serviceId: { in: ids }, key: DEPLOYMENT_STAGE_KEY, retired: false }, select: { id: true, serviceId: true } }),
  ]);
  const deploymentOf = new Map(deploymentStages.map((s) => [s.serviceId, s.id]));
  const problems: ReleaseGateProblem[] = [];
  for (const release of releases) {
    const standing = latestDecision(release.decisions);
    if (!standing || standing.outcome !== "NO_GO") continue;
    const message = failedGateMessage({
      release,
      itemIds: release.items.map((i) => i.id),
      decision: {
        outcome: standing.outcome as GateOutcome,
        comment: standing.comment,
        assessments: [...standing.assessments]
          .sort((a, b) => a.criterion.position - b.criterion.position)
          .map((a) => ({ criterionName: a.criterion.name, result: a.result as AssessmentResult, reason: a.reason })),
      },
    });
    const stageId = deploymentOf.get(release.serviceId) ?? release.items[0]?.stageId;
    if (!message || !stageId) continue;
    problems.push({ stageId, kind: "FAILED_GATE", message, itemIds: release.items.map((i) => i.id) });
  }
  return problems;
}
