import "server-only";
import type { Actor } from "@/domain/permissions";
import { ZRejectItemRequest, type TRejectItemRequest } from "@/lib/schemas/item";
import { parseInput } from "@/server/services/parse-input";
import { databaseProvider } from "@/server/env";
import { changeStageWithPrisma } from "./change-stage";
import { tryChangeStageOnSqlite } from "./change-stage-sqlite";

/**
 * The receiving stage sends poor work back upstream with the defect found: the item's
 * rejectionCount grows, the upstream stage's criteria are unticked (its work is done again),
 * and `item.rejected` names both stages so rejections can be counted per stage from events.
 */
export async function rejectItem(actor: Actor, itemId: string, input: TRejectItemRequest) {
  if (databaseProvider === "sqlite") {
    const parsed = ZRejectItemRequest.safeParse(input);
    if (parsed.success) {
      const sent = await tryChangeStageOnSqlite(actor, itemId, { intent: "reject", ...parsed.data });
      if (sent) return sent;
    }
  }
  return changeStageWithPrisma(actor, itemId, () => ({ intent: "reject", ...parseInput(ZRejectItemRequest, input) }));
}
