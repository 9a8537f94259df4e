import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import type { TDevLakeIntakeResult } from "@/lib/schemas/delivery";
import { assertCan } from "@/server/auth/authorize";
import { now } from "@/server/clock";
import { runCommand } from "@/server/services/events/run-command";
import { INCIDENT_SELECT, resolveIncidentRow } from "@/server/services/incidents/write-incident";
import { actorIdOf, findVisibleService } from "@/server/services/releases/load-release";

/**
 * DevLake's "close issue" call (POST …/issue/{issueKey}/close): resolves the incident with that
 * key now. Closing a closed one again changes nothing; an unknown key is a 404 (as in DevLake).
 */
export async function closeDevLakeIssue(actor: Actor, serviceKeyOrId: string, issueKey: string): Promise<TDevLakeIntakeResult> {
  const { result } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const service = await findVisibleService(tx, actor, serviceKeyOrId);
    await assertCan(actor, "incident.report", { teamId: service.teamId, serviceId: service.id });
    const incident = await tx.incident.findUnique({ where: { serviceId_key: { serviceId: service.id, key: issueKey } }, select: INCIDENT_SELECT });
    if (!incident) throw new AppError("NOT_FOUND", "No incident of this service has that issueKey.");
    if (incident.resolvedAt) return { recorded: "incident" as const, id: incident.id, duplicate: true, note: null };
    const resolved = await resolveIncidentRow(tx, emit, incident, now());
    return { recorded: "incident" as const, id: resolved.id, duplicate: false, note: null };
  });
  return result;
}
