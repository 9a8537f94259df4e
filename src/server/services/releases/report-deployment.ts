import "server-only";
import type { Actor } from "@/domain/permissions";
import { latestDecision } from "@/domain/releases";
import { ZReportDeploymentRequest, type TDeployment, type TReportDeploymentRequest } from "@/lib/schemas/release";
import { assertCan } from "@/server/auth/authorize";
import { writeDeployment } from "@/server/services/deployments/write-deployment";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { actorIdOf, findVisibleRelease } from "./load-release";

/**
 * A pipeline reports a deployment of a release (success or failure, start and end, environment,
 * and the change: commit, first commit time, the incident it fixes). Recorded even without a
 * standing GO — it happened, and hiding it would falsify delivery metrics — but the event names
 * the decision that stood (null when none did) for the audit. With an `externalId` the same
 * delivery twice records one deployment (`duplicate` says so).
 */
export async function reportDeployment(actor: Actor, releaseId: string, input: TReportDeploymentRequest): Promise<TDeployment & { duplicate: boolean }> {
  const { result } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const release = await findVisibleRelease(tx, actor, releaseId);
    await assertCan(actor, "deployment.report", { teamId: release.service.teamId, serviceId: release.serviceId });
    const cmd = parseInput(ZReportDeploymentRequest, input);
    const decisions = await tx.gateDecision.findMany({
      where: { releaseId: release.id },
      select: { id: true, outcome: true, supersedesId: true, createdAt: true },
    });
    const standing = latestDecision(decisions);
    const record = await writeDeployment(
      tx,
      emit,
      { serviceId: release.serviceId, releaseId: release.id, decisionId: standing?.id ?? null },
      {
        environment: cmd.environment,
        result: cmd.result,
        startedAt: new Date(cmd.startedAt),
        finishedAt: new Date(cmd.finishedAt),
        commitSha: cmd.commitSha,
        firstCommitAt: cmd.firstCommitAt ? new Date(cmd.firstCommitAt) : null,
        externalKey: cmd.externalId ? `api:${cmd.externalId}` : null,
        fixesIncident: cmd.fixesIncident,
      },
    );
    return {
      id: record.id,
      releaseId: release.id,
      environment: record.environment,
      result: record.result,
      startedAt: record.startedAt,
      finishedAt: record.finishedAt,
      commitSha: record.commitSha,
      firstCommitAt: record.firstCommitAt,
      createdAt: record.createdAt,
      duplicate: record.duplicate,
    };
  });
  return result;
}
