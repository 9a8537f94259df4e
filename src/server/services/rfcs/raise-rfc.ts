import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { ZRaiseRfcRequest, type TRaiseRfcRequest, type TRfc } from "@/lib/schemas/rfc";
import { assertCan } from "@/server/auth/authorize";
import { findVisibleService } from "@/server/services/backlog/backlog-access";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { RFC_SELECT, toRfcDto } from "./rfc-dto";

/**
 * Raises a request for change (or a maintenance activity) on a service: from the change wall's
 * form, or from a support or monitoring tool with an API token scoped `rfc.raise`. It waits for
 * two keys before it reaches the backlog.
 */
export async function raiseRfc(actor: Actor, serviceKeyOrId: string, input: TRaiseRfcRequest): Promise<TRfc> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const service = await findVisibleService(tx, actor, serviceKeyOrId);
    await assertCan(actor, "rfc.raise", { teamId: service.teamId, serviceId: service.id });
    const cmd = parseInput(ZRaiseRfcRequest, input);
    const raisedById = actorUserId(actor);
    const row = await tx.changeRequest.create({ data: { serviceId: service.id, raisedById, ...cmd }, select: RFC_SELECT });
    emit(service.id, "rfc.raised", { rfcId: row.id, kind: cmd.kind, title: cmd.title, source: cmd.source });
    const names = new Map(actor.kind === "user" ? [[actor.userId, actor.name]] : []);
    return toRfcDto(row, names);
  });
  return result;
}
