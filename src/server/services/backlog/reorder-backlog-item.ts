import "server-only";
import { planReorder } from "@/domain/backlog";
import { type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZReorderBacklogRequest, type TReorderBacklogRequest } from "@/lib/schemas/backlog";
import { assertCan } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { findVisibleService, lockService } from "./backlog-access";

/**
 * Moves one item within the backlog (Service Master): one row changes, its rank, computed
 * between the ranks that are adjacent at the drop point now. Reorders of one service queue on
 * the service row, and a duplicate rank is checked for before commit, so concurrent reorders
 * never leave two items on one rank. The item's version is not bumped: rank is the Service
 * Master's alone, and a reorder must not make others' pending edits or moves stale.
 */
export async function reorderBacklogItem(actor: Actor, serviceKeyOrId: string, input: TReorderBacklogRequest) {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const service = await findVisibleService(tx, actor, serviceKeyOrId);
    await assertCan(actor, "backlog.reorder", { teamId: service.teamId, serviceId: service.id });
    const cmd = parseInput(ZReorderBacklogRequest, input);
    await lockService(tx, service.id);

    const rows = await tx.workItem.findMany({ where: { serviceId: service.id }, select: { id: true, rank: true } });
    let plan;
    try {
      plan = planReorder(rows, cmd);
    } catch {
      // fractional-indexing refuses two equal neighbours: ranks that were already broken.
      throw new AppError("CONFLICT", "Two neighbouring items share a rank; reload the backlog and try again.");
    }
    if (!plan.ok) {
      if (plan.code === "NOT_FOUND") throw new AppError("NOT_FOUND", plan.message);
      throw new AppError("CONFLICT", plan.message);
    }
    await tx.workItem.update({ where: { id: cmd.itemId }, data: { rank: plan.rank }, select: { id: true } });
    // Belt and braces: the lock makes a collision impossible, and if one ever happened
    // (another writer that skipped the lock) the whole command rolls back.
    const clash = await tx.workItem.count({ where: { serviceId: service.id, rank: plan.rank } });
    if (clash !== 1) throw new AppError("CONFLICT", "Another reorder took this place at the same moment; try again.");

    emit(service.id, "item.reordered", {
      itemId: cmd.itemId,
      rank: plan.rank,
      afterItemId: cmd.afterItemId,
      beforeItemId: cmd.beforeItemId,
    });
    return { itemId: cmd.itemId, rank: plan.rank };
  });
  return result;
}
