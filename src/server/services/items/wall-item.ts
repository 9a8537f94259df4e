import "server-only";
import type { TWallItem } from "@/lib/schemas/item";
import type { Tx } from "@/server/db";
import { databaseProvider } from "@/server/env";
import { ITEM_SELECT, type toWorkItemDto } from "./item-dto";

// The card as the wall shows it (ZWallItem): what item commands answer, so a client can replace
// its copy of the card with the answer.

/** What a card needs beyond the work item (Prisma's cost grows with every column read). */
export const WALL_ITEM_SELECT = {
  ...ITEM_SELECT,
  expedite: true,
  expediteReason: true,
  rejectionCount: true,
} as const;

/** For the commands: the card plus what the move guards need. */
export const FLOW_ITEM_SELECT = { ...WALL_ITEM_SELECT, releaseId: true } as const;

type FlowRow = Parameters<typeof toWorkItemDto>[0] & {
  expedite: boolean;
  expediteReason: string | null;
  rejectionCount: number;
};

export type WallItemExtras = {
  doneCriterionIds: string[];
  andon: { id: string; reason: string; pulledAt: Date } | null;
  sentBack: { reason: string; fromStageId: string } | null;
};

// One object literal with every field (no spread of toWorkItemDto's answer): the snapshot builds
// 5,000 of these, and a spread-then-extend object cost 3× the CPU in a profile.
export function toWallItemDto(row: FlowRow, extras: WallItemExtras): TWallItem {
  return {
    id: row.id,
    serviceId: row.serviceId,
    stageId: row.stageId,
    title: row.title,
    description: row.description,
    rank: row.rank,
    blockedReason: row.blockedReason,
    businessValue: row.businessValue,
    costEstimate: row.costEstimate,
    version: row.version,
    kind: row.kind as TWallItem["kind"],
    labels: Array.isArray(row.labels) ? (row.labels as string[]) : [],
    enteredStageAt: row.enteredStageAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    expedite: row.expedite && row.expediteReason ? { reason: row.expediteReason } : null,
    rejectionCount: row.rejectionCount,
    sentBack: extras.sentBack,
    doneCriterionIds: extras.doneCriterionIds,
    andon: extras.andon && { id: extras.andon.id, reason: extras.andon.reason, pulledAt: extras.andon.pulledAt.toISOString() },
  };
}

/** Reads one card as the wall shows it (three round trips). */
export async function loadWallItem(tx: Tx, itemId: string): Promise<TWallItem> {
  const row = await tx.workItem.findUniqueOrThrow({
    where: { id: itemId },
    select: {
      ...FLOW_ITEM_SELECT,
      criteria: { where: { done: true }, select: { criterionId: true, criterion: { select: { stageId: true, retired: true } } } },
      andons: { where: { releasedAt: null }, orderBy: { pulledAt: "asc" }, take: 1, select: { id: true, reason: true, pulledAt: true } },
    },
  });
  const sentBack = await findSentBack(tx, row);
  return toWallItemDto(row, {
    doneCriterionIds: doneIn(row.criteria, row.stageId),
    andon: row.andons[0] ?? null,
    sentBack,
  });
}

export function doneIn(
  states: ReadonlyArray<{ criterionId: string; done?: boolean; criterion: { stageId: string; retired: boolean } }>,
  stageId: string,
): string[] {
  // Callers usually read only `done: true` rows; a row that says `done: false` (an unticked
  // criterion keeps its row) is never met, whatever the caller selected (issue 9.5).
  return states
    .filter((s) => s.done !== false && s.criterion.stageId === stageId && !s.criterion.retired)
    .map((s) => s.criterionId);
}

/** The rejection that brought the item into its current stage, if that is how it got there. */
async function findSentBack(
  tx: Tx,
  item: { id: string; serviceId: string; stageId: string; enteredStageAt: Date; rejectionCount: number },
): Promise<WallItemExtras["sentBack"]> {
  if (item.rejectionCount === 0) return null;
  const [id] = await itemEventIds(tx, item.serviceId, item.id, { types: ["item.rejected"], newestFirst: true, limit: 1 });
  if (!id) return null;
  const event = await tx.event.findUnique({ where: { id }, select: { payload: true } });
  const p = event?.payload as { toStageId?: string; fromStageId?: string; reason?: string; enteredStageAt?: string } | undefined;
  if (!p || p.toStageId !== item.stageId || p.enteredStageAt !== item.enteredStageAt.toISOString()) return null;
  return { reason: p.reason ?? "", fromStageId: p.fromStageId ?? "" };
}

/**
 * Ids of a service's events about one item (payload.itemId), or about the given andons
 * (payload.andonId). JSON access differs by provider, hence raw SQL here and nowhere else.
 */
export async function itemEventIds(
  tx: Tx,
  serviceId: string,
  itemId: string,
  opts: { types?: string[]; andonIds?: string[]; newestFirst?: boolean; limit?: number } = {},
): Promise<string[]> {
  const pg = databaseProvider === "postgresql";
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return pg ? `$${params.length}` : "?";
  };
  const field = (...path: string[]) =>
    pg
      ? `("payload"${path.slice(0, -1).map((k) => `->'${k}'`).join("")}->>'${path.at(-1)}')`
      : `json_extract("payload", '$.${path.join(".")}')`;
  // Placeholders are numbered in the order they are made (SQLite's "?" are positional).
  let sql = `SELECT "id" FROM "Event" WHERE "serviceId" = ${p(serviceId)}`;
  // item.created and item.updated carry the whole item; the others name it by itemId.
  const who = [`${field("itemId")} = ${p(itemId)}`, `${field("item", "id")} = ${p(itemId)}`];
  if (opts.andonIds?.length) who.push(`${field("andonId")} IN (${opts.andonIds.map(p).join(", ")})`);
  sql += ` AND (${who.join(" OR ")})`;
  if (opts.types?.length) sql += ` AND "type" IN (${opts.types.map(p).join(", ")})`;
  sql += ` ORDER BY "seq" ${opts.newestFirst ? "DESC" : "ASC"}`;
  if (opts.limit) sql += ` LIMIT ${Math.floor(opts.limit)}`;
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(sql, ...params);
  return rows.map((r) => r.id);
}
