import "server-only";
import type { Actor } from "@/domain/permissions";
import { ZDevLakeIssue, type TDevLakeIntakeResult, type TDevLakeIssue } from "@/lib/schemas/delivery";
import { assertCan } from "@/server/auth/authorize";
import { now } from "@/server/clock";
import { runCommand } from "@/server/services/events/run-command";
import { writeIncident } from "@/server/services/incidents/write-incident";
import { parseInput } from "@/server/services/parse-input";
import { actorIdOf, findVisibleService } from "@/server/services/releases/load-release";

/**
 * An issue as Apache DevLake's webhook plugin takes it (POST …/issues, its WebhookIssueRequest).
 * DevLake keeps every issue and makes an incident of those of type INCIDENT; the Obeya keeps
 * only incidents (other issues are acknowledged, nothing written). `issueKey` is the natural key:
 * posting it again is the same incident, and a repeat with status DONE resolves it (at its
 * `resolutionDate`, else `updatedDate`, else now). The cause: our extensions `deploymentId`
 * (DevLake's deployment id) or `commitSha`, else the last production deployment within 24 hours.
 */
export async function intakeDevLakeIssue(actor: Actor, serviceKeyOrId: string, input: TDevLakeIssue): Promise<TDevLakeIntakeResult> {
  const { result } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const service = await findVisibleService(tx, actor, serviceKeyOrId);
    await assertCan(actor, "incident.report", { teamId: service.teamId, serviceId: service.id });
    const cmd = parseInput(ZDevLakeIssue, input);
    if ((cmd.type ?? "").toUpperCase() !== "INCIDENT") {
      return { recorded: "nothing" as const, id: null, duplicate: false, note: `Only issues of type INCIDENT are recorded; this one is ${cmd.type ? `of type ${cmd.type}` : "untyped"}.` };
    }
    const resolvedAt = cmd.resolutionDate ?? (cmd.status === "DONE" ? (cmd.updatedDate ?? now().toISOString()) : null);
    const incident = await writeIncident(tx, emit, service.id, {
      key: cmd.issueKey,
      title: cmd.title,
      severity: cmd.severity || cmd.priority || null,
      url: cmd.url || null,
      source: "DEVLAKE",
      openedAt: new Date(cmd.createdDate),
      resolvedAt: resolvedAt ? new Date(resolvedAt) : null,
      deployment: cmd.deploymentId ? { ref: cmd.deploymentId, keys: [`devlake:${cmd.deploymentId}`], field: "deploymentId" } : null,
      commitSha: cmd.commitSha ?? null,
    });
    return { recorded: "incident" as const, id: incident.id, duplicate: incident.duplicate, note: null };
  });
  return result;
}
