import "server-only";
import type { Actor } from "@/domain/permissions";
import { latestDecision } from "@/domain/releases";
import { ZReportDeploymentRequest, type TDeployment, type TReportDeploymentRequest } from "@/lib/schemas/release";
import { assertCan } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { actorIdOf, findVisibleRelease } from "./load-release";
import { DEPLOYMENT_SELECT, toDeploymentDto } from "./release-dto";

/**
 * A pipeline reports a deployment of a release (success or failure, start and end, environment).
 * Recorded even without a standing GO — it happened, and hiding it would falsify delivery
 * metrics — but the event names the decision that stood (null when none did) for the audit.
 */
export async function reportDeployment(actor: Actor, releaseId: string, input: TReportDeploymentRequest): Promise<TDeployment> {
  const { result } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const release = await findVisibleRelease(tx, actor, releaseId);
    await assertCan(actor, "deployment.report", { teamId: release.service.teamId, serviceId: release.serviceId });
    const cmd = parseInput(ZReportDeploymentRequest, input);
    const decisions = await tx.gateDecision.findMany({
      where: { releaseId: release.id },
      select: { id: true, outcome: true, supersedesId: true, createdAt: true },
    });
    const standing = latestDecision(decisions);
    const row = await tx.deployment.create({
      data: {
        releaseId: release.id,
        environment: cmd.environment,
        result: cmd.result,
        startedAt: new Date(cmd.startedAt),
        finishedAt: new Date(cmd.finishedAt),
      },
      select: DEPLOYMENT_SELECT,
    });
    const deployment = toDeploymentDto(row);
    emit(release.serviceId, "deployment.reported", {
      releaseId: release.id,
      deploymentId: row.id,
      environment: row.environment,
      result: deployment.result,
      startedAt: deployment.startedAt,
      finishedAt: deployment.finishedAt,
      decisionId: standing?.id ?? null,
    });
    return deployment;
  });
  return result;
}
