import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { ZSetItemBlockedRequest, type TSetItemBlockedRequest } from "@/lib/schemas/item";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { findItemForFlow } from "./change-stage";
import { updateItemVersioned } from "./versioned-update";
import { loadWallItem } from "./wall-item";

/** Marks the item blocked with a reason (a problem on its stage), or unblocks it with null. */
export async function setItemBlocked(actor: Actor, itemId: string, input: TSetItemBlockedRequest) {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const item = await findItemForFlow(tx, actor, itemId, "item.update");
    const cmd = parseInput(ZSetItemBlockedRequest, input);
    const version = await updateItemVersioned(tx, item.id, cmd.expectedVersion, { blockedReason: cmd.reason });
    if (cmd.reason === null) emit(item.serviceId, "item.unblocked", { itemId: item.id, version });
    else emit(item.serviceId, "item.blocked", { itemId: item.id, reason: cmd.reason, version });
    return loadWallItem(tx, item.id);
  });
  return result;
}
