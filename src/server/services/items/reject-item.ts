import "server-only";
import type { Actor } from "@/domain/permissions";
import { ZRejectItemRequest, type TRejectItemRequest } from "@/lib/schemas/item";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { databaseProvider } from "@/server/env";
import { changeStage, findItemForFlow } from "./change-stage";
import { tryRejectItemOnSqlite } from "./change-stage-sqlite";

/**
 * The receiving stage sends poor work back upstream with the defect found: the item's
 * rejectionCount grows, the upstream stage's criteria are unticked (its work is done again),
 * and `item.rejected` names both stages so rejections can be counted per stage from events.
 */
export async function rejectItem(actor: Actor, itemId: string, input: TRejectItemRequest) {
  if (databaseProvider === "sqlite") {
    const sent = await tryRejectItemOnSqlite(actor, itemId, input);
    if (sent) return sent;
  }
  const { result } = await runCommand(actor.kind === "user" ? actor.userId : null, async (tx, emit) => {
    const item = await findItemForFlow(tx, actor, itemId, "item.move");
    const cmd = parseInput(ZRejectItemRequest, input);
    return changeStage(tx, emit, actor, item, { intent: "reject", ...cmd });
  });
  return result;
}
