import "server-only";
import type { Actor } from "@/domain/permissions";
import { ZReportServiceDeploymentRequest, type TDeploymentRecord, type TReportServiceDeploymentRequest } from "@/lib/schemas/delivery";
import { assertCan } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { actorIdOf, findVisibleService } from "@/server/services/releases/load-release";
import { writeDeployment } from "./write-deployment";

/**
 * A pipeline reports a deployment of the service that belongs to no release in the Obeya (a
 * hotfix, a config change, a team that does not cut releases): environment, result, times and
 * the change. Needs deployment.report; idempotent on `externalId`.
 */
export async function reportServiceDeployment(actor: Actor, serviceKeyOrId: string, input: TReportServiceDeploymentRequest): Promise<TDeploymentRecord> {
  const { result } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const service = await findVisibleService(tx, actor, serviceKeyOrId);
    await assertCan(actor, "deployment.report", { teamId: service.teamId, serviceId: service.id });
    const cmd = parseInput(ZReportServiceDeploymentRequest, input);
    return writeDeployment(
      tx,
      emit,
      { serviceId: service.id, releaseId: null },
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
  });
  return result;
}
