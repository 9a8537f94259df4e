import "server-only";
import type { Actor } from "@/domain/permissions";
import type { TMoveItemRequest } from "@/lib/schemas/item";
import { changeItemStage } from "./change-stage";

/**
 * Moves an item downstream under the rules of flow (src/domain/flow-rules.ts): the stage it
 * leaves must be done (JKK), the stage it enters must have no open andon and room under its WIP
 * limit (unless expedited with a reason), then every move guard (./move-guards.ts). A move
 * upstream is a rejection (rejectItem). The command names the version the mover saw: a stale
 * one is refused with VERSION_CONFLICT carrying the item as it is now.
 */
export function moveItem(actor: Actor, itemId: string, input: TMoveItemRequest) {
  return changeItemStage(actor, itemId, "move", input);
}
