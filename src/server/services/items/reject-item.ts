import "server-only";
import type { Actor } from "@/domain/permissions";
import type { TRejectItemRequest } from "@/lib/schemas/item";
import { changeItemStage } from "./change-stage";

/**
 * The receiving stage sends poor work back upstream with the defect found: the item's
 * rejectionCount grows, the upstream stage's criteria are unticked (its work is done again),
 * and `item.rejected` names both stages so rejections can be counted per stage from events.
 */
export function rejectItem(actor: Actor, itemId: string, input: TRejectItemRequest) {
  return changeItemStage(actor, itemId, "reject", input);
}
