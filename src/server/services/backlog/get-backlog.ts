import "server-only";
import { doneStageId, matchesFilter } from "@/domain/backlog";
import type { Actor } from "@/domain/permissions";
import { orderStages } from "@/domain/stages";
import { ZBacklogQuery, type TBacklog, type TBacklogQuery } from "@/lib/schemas/backlog";
import { assertCan } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { parseInput } from "@/server/services/parse-input";
import { findVisibleService } from "./backlog-access";
import { BACKLOG_ITEM_SELECT, storyCounts, toBacklogItem } from "./backlog-dto";

/**
 * The Service Master's backlog: every item of the service not yet done, by rank, with its
 * stories; filtered by kind, stage, label and team. Read in one transaction so the rows and
 * `seq` describe the same moment.
 */
export async function getBacklog(actor: Actor, serviceKeyOrId: string, query: Partial<TBacklogQuery> = {}): Promise<TBacklog> {
  // Authorised before the read transaction: a denial is written to the audit log, which on
  // SQLite must not happen while this connection holds a transaction open.
  const visible = await findVisibleService(db, actor, serviceKeyOrId);
  await assertCan(actor, "service.view", { teamId: visible.teamId, serviceId: visible.id });
  const filter = parseInput(ZBacklogQuery, query);
  return db.$transaction(async (tx) => {
    const service = await findVisibleService(tx, actor, visible.id);
    const [stages, teams] = await Promise.all([
      tx.stage.findMany({
        where: { serviceId: service.id },
        select: { id: true, key: true, name: true, position: true, retired: true },
      }),
      tx.team.findMany({
        // the owning team, the expert pools assigned to it, and any team holding an item here
        where: {
          OR: [
            { id: service.teamId },
            { assignedTo: { some: { deliveryTeamId: service.teamId } } },
            { items: { some: { serviceId: service.id } } },
          ],
        },
        orderBy: { name: "asc" },
        select: { id: true, name: true },
      }),
    ]);
    const done = doneStageId(stages);
    const rows = await tx.workItem.findMany({
      where: {
        serviceId: service.id,
        doneAt: null,
        ...(done ? { stageId: { not: done } } : {}),
      },
      orderBy: { rank: "asc" },
      select: BACKLOG_ITEM_SELECT,
    });
    const items = rows
      .map((r) => toBacklogItem(r))
      .filter((i) => matchesFilter(i, filter));
    const counts = await storyCounts(tx, { serviceId: service.id });
    return {
      service: { id: service.id, key: service.key, name: service.name, teamId: service.teamId },
      stages: orderStages(stages),
      teams,
      doneStageId: done,
      items: items.map((i) => ({ ...i, stories: counts.get(i.id) ?? i.stories })),
      seq: service.lastSeq,
    };
  });
}
