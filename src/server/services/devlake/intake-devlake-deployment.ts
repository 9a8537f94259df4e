import "server-only";
import type { Actor } from "@/domain/permissions";
import { ZDevLakeDeployment, type TDevLakeDeployment, type TDevLakeIntakeResult } from "@/lib/schemas/delivery";
import { assertCan } from "@/server/auth/authorize";
import { writeDeployment } from "@/server/services/deployments/write-deployment";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { actorIdOf, findVisibleService } from "@/server/services/releases/load-release";

/**
 * A deployment as Apache DevLake's webhook plugin takes it (POST …/deployments, the body of its
 * WebhookDeploymentReq), so a pipeline that posts to DevLake can post here unchanged. Its `id` is
 * the natural key: the same delivery twice records one deployment. The deployed commit is the
 * first of `deploymentCommits`; the change's first commit time is the earliest
 * `commitAuthoredDate` (our extension: DevLake's payload has no commit time).
 */
export async function intakeDevLakeDeployment(actor: Actor, serviceKeyOrId: string, input: TDevLakeDeployment): Promise<TDevLakeIntakeResult> {
  const { result } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const service = await findVisibleService(tx, actor, serviceKeyOrId);
    await assertCan(actor, "deployment.report", { teamId: service.teamId, serviceId: service.id });
    const cmd = parseInput(ZDevLakeDeployment, input);
    const authored = cmd.deploymentCommits.flatMap((c) => (c.commitAuthoredDate ? [Date.parse(c.commitAuthoredDate)] : []));
    const record = await writeDeployment(
      tx,
      emit,
      { serviceId: service.id, releaseId: null },
      {
        environment: (cmd.environment ?? "PRODUCTION").toLowerCase(),
        result: cmd.result ?? "SUCCESS",
        startedAt: new Date(cmd.startedDate),
        finishedAt: new Date(cmd.finishedDate),
        commitSha: cmd.deploymentCommits[0]!.commitSha,
        firstCommitAt: authored.length > 0 ? new Date(Math.min(...authored)) : null,
        externalKey: `devlake:${cmd.id}`,
      },
    );
    return { recorded: "deployment" as const, id: record.id, duplicate: record.duplicate, note: null };
  });
  return result;
}
