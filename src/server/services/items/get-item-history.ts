import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import type { TItemHistory } from "@/lib/schemas/item";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { withTransactionScope } from "@/server/services/events/after-transaction";
import { db } from "@/server/db";
import { itemEventIds } from "./wall-item";

/**
 * The card's history from the event log: who created, moved, rejected, ticked, blocked, edited
 * and commented it and when, and the andons pulled on it. Four queries whatever its length.
 */
export async function getItemHistory(actor: Actor, itemId: string): Promise<TItemHistory> {
  return withTransactionScope(() => db.$transaction(async (tx) => {
    const item = await tx.workItem.findFirst({
      where: { id: itemId, service: visibleServiceWhere(actor) },
      select: {
        id: true,
        serviceId: true,
        service: { select: { teamId: true } },
        andons: { select: { id: true } },
        comments: { orderBy: { createdAt: "asc" }, select: { id: true, itemId: true, authorId: true, body: true, createdAt: true } },
      },
    });
    if (!item) throw new AppError("NOT_FOUND", "Item not found.");
    await assertCan(actor, "service.view", { teamId: item.service.teamId, serviceId: item.serviceId });
    // andon.released names the andon, not the item: found through the item's andons.
    const ids = await itemEventIds(tx, item.serviceId, item.id, { andonIds: item.andons.map((a) => a.id) });
    const events = await tx.event.findMany({
      where: { id: { in: ids } },
      orderBy: { seq: "asc" },
      select: { seq: true, type: true, actorId: true, payload: true, createdAt: true },
    });
    const actorIds = [...new Set(events.map((e) => e.actorId).filter((x): x is string => !!x))];
    const users = await tx.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
    const names = new Map(users.map((u) => [u.id, u.name]));
    return {
      itemId: item.id,
      entries: events.map((e) => ({
        seq: e.seq,
        type: e.type,
        actor: e.actorId ? { id: e.actorId, name: names.get(e.actorId) ?? "Unknown" } : null,
        payload: e.payload as Record<string, unknown>,
        createdAt: e.createdAt.toISOString(),
      })),
      comments: item.comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
    };
  }));
}
