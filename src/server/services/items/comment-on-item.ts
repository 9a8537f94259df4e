import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { ZCommentOnItemRequest, type TCommentOnItemRequest, type TComment } from "@/lib/schemas/item";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { findItemForFlow } from "./change-stage";

/** Adds a comment to the card; comments do not change the item's version. */
export async function commentOnItem(actor: Actor, itemId: string, input: TCommentOnItemRequest): Promise<TComment> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const item = await findItemForFlow(tx, actor, itemId, "item.comment");
    const cmd = parseInput(ZCommentOnItemRequest, input);
    const row = await tx.comment.create({
      data: { itemId: item.id, authorId: actorUserId(actor), body: cmd.body },
      select: { id: true, itemId: true, authorId: true, body: true, createdAt: true },
    });
    emit(item.serviceId, "item.commented", { itemId: item.id, commentId: row.id, body: row.body });
    return { ...row, createdAt: row.createdAt.toISOString() };
  });
  return result;
}
