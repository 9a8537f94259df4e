import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZUpdateItemRequest, type TUpdateItemRequest } from "@/lib/schemas/item";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { findItemForFlow } from "./change-stage";
import { updateItemVersioned } from "./versioned-update";
import { loadWallItem } from "./wall-item";

const FIELDS = ["title", "description", "kind", "labels", "businessValue", "costEstimate"] as const;

/** Edits the card's fields (not its stage: that is moveItem/rejectItem), naming the version seen. */
export async function updateItem(actor: Actor, itemId: string, input: TUpdateItemRequest) {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const item = await findItemForFlow(tx, actor, itemId, "item.update");
    const cmd = parseInput(ZUpdateItemRequest, input);
    const data: Record<string, unknown> = {};
    for (const f of FIELDS) if (cmd[f] !== undefined) data[f] = cmd[f];
    const fields = Object.keys(data);
    if (fields.length === 0) throw new AppError("VALIDATION_FAILED", "Name at least one field to change.", { issues: [] });
    await updateItemVersioned(tx, item.id, cmd.expectedVersion, data);
    const card = await loadWallItem(tx, item.id);
    const { expedite: _e, rejectionCount: _r, sentBack: _s, doneCriterionIds: _d, andon: _a, ...workItem } = card;
    emit(item.serviceId, "item.updated", { item: workItem, fields });
    return card;
  });
  return result;
}
