import "server-only";
import type { StoryCounts } from "@/lib/events";
import type { TBacklogItem } from "@/lib/schemas/backlog";
import type { Db, Tx } from "@/server/db";
import { ITEM_SELECT, toWorkItemDto } from "@/server/services/items/item-dto";

export const BACKLOG_ITEM_SELECT = { ...ITEM_SELECT, teamId: true } as const;

export const NO_STORIES: StoryCounts = { user: 0, test: 0, operations: 0, failingTests: 0 };

type Row = Parameters<typeof toWorkItemDto>[0] & { teamId: string | null };

export function toBacklogItem(row: Row, stories: StoryCounts = NO_STORIES): TBacklogItem {
  return { ...toWorkItemDto(row), teamId: row.teamId, stories };
}

/** Story counts per item of a service (or of one item), in one query whatever the size. */
export async function storyCounts(client: Tx | Db, where: { serviceId: string } | { itemId: string }): Promise<Map<string, StoryCounts>> {
  const out = new Map<string, StoryCounts>();
  const stories = await client.story.findMany({
    where: "itemId" in where ? { itemId: where.itemId } : { item: { serviceId: where.serviceId } },
    select: { itemId: true, kind: true, testCases: { where: { result: "FAILED" }, select: { id: true } } },
  });
  for (const s of stories) {
    const c = out.get(s.itemId) ?? { ...NO_STORIES };
    if (s.kind === "USER") c.user += 1;
    else if (s.kind === "TEST") c.test += 1;
    else c.operations += 1;
    c.failingTests += s.testCases.length;
    out.set(s.itemId, c);
  }
  return out;
}
