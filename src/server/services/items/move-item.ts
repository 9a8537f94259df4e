import "server-only";
import type { Actor } from "@/domain/permissions";
import { ZMoveItemRequest, type TMoveItemRequest } from "@/lib/schemas/item";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { databaseProvider } from "@/server/env";
import { changeStage, findItemForFlow } from "./change-stage";
import { tryMoveItemOnSqlite } from "./change-stage-sqlite";

/**
 * Moves an item downstream under the rules of flow (src/domain/flow-rules.ts): the stage it
 * leaves must be done (JKK), the stage it enters must have no open andon and room under its WIP
 * limit (unless expedited with a reason), then every move guard (./move-guards.ts). A move
 * upstream is a rejection (rejectItem). The command names the version the mover saw: a stale
 * one is refused with VERSION_CONFLICT carrying the item as it is now.
 */
export async function moveItem(actor: Actor, itemId: string, input: TMoveItemRequest) {
  // SQLite: an accepted move commits synchronously (see change-stage-sqlite.ts); anything else,
  // and every move on PostgreSQL, goes the one canonical way below.
  if (databaseProvider === "sqlite") {
    const moved = await tryMoveItemOnSqlite(actor, itemId, input);
    if (moved) return moved;
  }
  const { result } = await runCommand(actor.kind === "user" ? actor.userId : null, async (tx, emit) => {
    const item = await findItemForFlow(tx, actor, itemId, "item.move");
    const cmd = parseInput(ZMoveItemRequest, input);
    return changeStage(tx, emit, actor, item, {
      intent: "move",
      toStageId: cmd.toStageId,
      expectedVersion: cmd.expectedVersion,
      expedite: cmd.expedite ?? null,
    });
  });
  return result;
}
