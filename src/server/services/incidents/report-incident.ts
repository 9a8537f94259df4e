import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/domain/permissions";
import { ZReportIncidentRequest, type TIncident, type TReportIncidentRequest } from "@/lib/schemas/delivery";
import { assertCan } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { actorIdOf, findVisibleService } from "@/server/services/releases/load-release";
import { writeIncident } from "./write-incident";

/**
 * Opens an incident of a service (a person, or a pager's or CI's API token with incident.report):
 * opened, severity, resolved if already known, and the deployment that caused it when known (its
 * id or externalId, or the commit SHA; else the last production deployment within 24 hours).
 * The same `key` twice is one incident.
 */
export async function reportIncident(actor: Actor, serviceKeyOrId: string, input: TReportIncidentRequest): Promise<TIncident> {
  const { result } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const service = await findVisibleService(tx, actor, serviceKeyOrId);
    await assertCan(actor, "incident.report", { teamId: service.teamId, serviceId: service.id });
    const cmd = parseInput(ZReportIncidentRequest, input);
    return writeIncident(tx, emit, service.id, {
      key: cmd.key ?? `obeya-${randomUUID()}`,
      title: cmd.title,
      severity: cmd.severity ?? null,
      url: cmd.url ?? null,
      source: "API",
      openedAt: new Date(cmd.openedAt),
      resolvedAt: cmd.resolvedAt ? new Date(cmd.resolvedAt) : null,
      deployment: cmd.deploymentId ? { ref: cmd.deploymentId, keys: [`api:${cmd.deploymentId}`], field: "deploymentId" } : null,
      commitSha: cmd.commitSha ?? null,
    });
  });
  return result;
}
