import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZResolveIncidentRequest, type TIncident, type TResolveIncidentRequest } from "@/lib/schemas/delivery";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { now } from "@/server/clock";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { actorIdOf } from "@/server/services/releases/load-release";
import { INCIDENT_SELECT, resolveIncidentRow, toIncidentDto } from "./write-incident";

/**
 * Resolves an incident (by its id): recovery time runs from its opening to now, or to the
 * `resolvedAt` given. Resolving a resolved incident again changes nothing (`duplicate`), so a
 * retried pipeline step is harmless; a stale `expectedVersion` is a 409 with the current state.
 */
export async function resolveIncident(actor: Actor, incidentId: string, input: TResolveIncidentRequest): Promise<TIncident> {
  const { result } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const incident = await tx.incident.findFirst({
      where: { id: incidentId, service: visibleServiceWhere(actor) },
      select: { ...INCIDENT_SELECT, service: { select: { teamId: true } } },
    });
    if (!incident) throw new AppError("NOT_FOUND", "Incident not found.");
    const { service, ...row } = incident;
    await assertCan(actor, "incident.report", { teamId: service.teamId, serviceId: row.serviceId });
    const cmd = parseInput(ZResolveIncidentRequest, input);
    if (cmd.expectedVersion !== undefined && cmd.expectedVersion !== row.version) {
      throw new AppError("VERSION_CONFLICT", "The incident changed since you loaded it; reload and try again.", { current: toIncidentDto(row, false) });
    }
    if (row.resolvedAt) return toIncidentDto(row, true);
    return resolveIncidentRow(tx, emit, row, cmd.resolvedAt ? new Date(cmd.resolvedAt) : now());
  });
  return result;
}
