import "server-only";
import type { Actor } from "@/domain/permissions";
import { ZSetRecoveryObjectivesRequest, type TServiceWallWrite, type TSetRecoveryObjectivesRequest } from "@/lib/schemas/service-wall";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { actorIdOf, bumpServiceVersion, lastSeqOf, serviceFor } from "./service-wall-access";

/** RPO and RTO targets and how often a recovery test proves them (reliability engineer's, with the Service Master). */
export async function setRecoveryObjectives(actor: Actor, serviceId: string, input: TSetRecoveryObjectivesRequest): Promise<TServiceWallWrite> {
  const { result, events } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const service = await serviceFor(tx, actor, serviceId, "serviceLevel.manage");
    const cmd = parseInput(ZSetRecoveryObjectivesRequest, input);
    const version = await bumpServiceVersion(tx, service.id, cmd.expectedVersion);
    await tx.service.update({
      where: { id: service.id },
      data: { rpoMinutes: cmd.rpoMinutes === null ? null : Math.round(cmd.rpoMinutes), rtoMinutes: cmd.rtoMinutes === null ? null : Math.round(cmd.rtoMinutes), recoveryTestIntervalDays: cmd.testIntervalDays },
      select: { id: true },
    });
    emit(service.id, "recovery.objectives.set", { rpoMinutes: cmd.rpoMinutes, rtoMinutes: cmd.rtoMinutes, testIntervalDays: cmd.testIntervalDays, version });
    return { serviceId: service.id, version };
  });
  return { ok: true, id: result.serviceId, version: result.version, seq: lastSeqOf(events, result.serviceId) };
}
