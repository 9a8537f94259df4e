import "server-only";
import type { Actor } from "@/domain/permissions";
import { ZMoveItemRequest, type TMoveItemRequest } from "@/lib/schemas/item";
import { parseInput } from "@/server/services/parse-input";
import { databaseProvider } from "@/server/env";
import { changeStageWithPrisma } from "./change-stage";
import { tryChangeStageOnSqlite } from "./change-stage-sqlite";

/**
 * Moves an item downstream under the rules of flow (src/domain/flow-rules.ts): the stage it
 * leaves must be done (JKK), the stage it enters must have no open andon and room under its WIP
 * limit (unless expedited with a reason), then every move guard (./move-guards.ts). A move
 * upstream is a rejection (rejectItem). The command names the version the mover saw: a stale
 * one is refused with VERSION_CONFLICT carrying the item as it is now.
 */
export async function moveItem(actor: Actor, itemId: string, input: TMoveItemRequest) {
  // SQLite: an accepted move commits synchronously (see change-stage-sqlite.ts); anything else,
  // and every move on PostgreSQL, goes the one canonical way.
  if (databaseProvider === "sqlite") {
    const parsed = ZMoveItemRequest.safeParse(input);
    if (parsed.success) {
      const moved = await tryChangeStageOnSqlite(actor, itemId, { intent: "move", ...parsed.data, expedite: parsed.data.expedite ?? null });
      if (moved) return moved;
    }
  }
  return changeStageWithPrisma(actor, itemId, () => {
    const cmd = parseInput(ZMoveItemRequest, input);
    return { intent: "move", ...cmd, expedite: cmd.expedite ?? null };
  });
}
