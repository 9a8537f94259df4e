import "server-only";
import { sqliteDirect, type Tx } from "@/server/db";
import { WALL_ITEM_SELECT } from "@/server/services/items/wall-item";
import { readWallCoreOnSqlite } from "@/server/sqlite/wall-core-store";

// The rows a wall snapshot is made of (stages with their criteria, items, met criteria, open
// andons, rejections), read inside the snapshot's transaction. On SQLite they come from cached
// prepared statements on Prisma's own connection, in the same transaction (src/server/sqlite/
// wall-core-store.ts): Prisma 6 spends ~1.5× the raw read's CPU on 5,000 item rows (bench (a),
// issue 14.7). tests/integration/wall-core-rows.test.ts checks both readers give the same rows.

const STAGE_SELECT = {
  id: true,
  key: true,
  name: true,
  position: true,
  wipLimit: true,
  ageThresholdHours: true,
  retired: true,
  version: true,
  doneCriteria: { where: { retired: false }, orderBy: { position: "asc" }, select: { id: true, text: true } },
} as const;

// One after another: several queries in flight on one interactive transaction's PostgreSQL
// connection resolved undefined (not an error) when the connection was cut, and the wall answered
// 500 instead of 503 (db-outage.pg.test.ts); one connection runs them one at a time anyway.
async function readWithPrisma(tx: Tx, serviceId: string) {
  const stages = await tx.stage.findMany({ where: { serviceId }, select: STAGE_SELECT });
  const items = await tx.workItem.findMany({ where: { serviceId }, orderBy: { rank: "asc" }, select: WALL_ITEM_SELECT });
  const states = await tx.itemCriterionState.findMany({ where: { done: true, item: { serviceId } }, select: { itemId: true, criterionId: true } });
  const andons = await tx.andon.findMany({
    where: { serviceId, releasedAt: null },
    orderBy: { pulledAt: "asc" },
    select: { id: true, stageId: true, itemId: true, reason: true, pulledById: true, pulledAt: true, problemId: true },
  });
  const rejections = await tx.event.findMany({ where: { serviceId, type: "item.rejected" }, orderBy: { seq: "asc" }, select: { payload: true } });
  return { stages, items, states, andons, rejections };
}

export type WallCoreRows = Awaited<ReturnType<typeof readWithPrisma>>;

/** Through Prisma, whatever the database (PostgreSQL's path; the SQLite reader's reference in tests). */
export const readWallCoreWithPrisma: (tx: Tx, serviceId: string) => Promise<WallCoreRows> = readWithPrisma;

/** Inside the snapshot's transaction: the SQLite reader when there is one, else Prisma. */
export async function readWallCore(tx: Tx, serviceId: string): Promise<WallCoreRows> {
  return sqliteDirect()?.inOpenTransaction((conn) => readWallCoreOnSqlite(conn, serviceId)) ?? readWithPrisma(tx, serviceId);
}
