import "server-only";
import type Database from "better-sqlite3";
import type { WallCoreRows } from "@/server/services/walls/wall-core-rows";

// The wall snapshot's rows on SQLite (src/server/services/walls/wall-core-rows.ts): prepared once
// per connection, run synchronously inside the snapshot's open transaction, shaped exactly as
// Prisma hands them over (Dates, booleans, parsed JSON), so the snapshot cannot tell the readers apart.

type Statements = ReturnType<typeof prepare>;
const cache = new WeakMap<Database.Database, Statements>();

function prepare(c: Database.Database) {
  // The adapter turns safe integers on for the connection; these rows hold plain numbers.
  const q = (sql: string) => c.prepare(sql).safeIntegers(false);
  return {
    stages: q(`SELECT "id", "key", "name", "position", "wipLimit", "ageThresholdHours", "retired", "version" FROM "Stage" WHERE "serviceId" = ?`),
    criteria: q(
      `SELECT c."id", c."text", c."stageId" FROM "DoneCriterion" c JOIN "Stage" s ON s."id" = c."stageId"
        WHERE s."serviceId" = ? AND c."retired" = 0 ORDER BY c."position" ASC`,
    ),
    items: q(
      `SELECT "id", "serviceId", "stageId", "kind", "title", "description", "rank", "labels", "blockedReason", "businessValue",
              "costEstimate", "version", "enteredStageAt", "createdAt", "expedite", "expediteReason", "rejectionCount"
         FROM "WorkItem" WHERE "serviceId" = ? ORDER BY "rank" ASC`,
    ),
    states: q(
      `SELECT s."itemId", s."criterionId" FROM "ItemCriterionState" s JOIN "WorkItem" w ON w."id" = s."itemId"
        WHERE s."done" = 1 AND w."serviceId" = ?`,
    ),
    andons: q(
      `SELECT "id", "stageId", "itemId", "reason", "pulledById", "pulledAt", "problemId" FROM "Andon"
        WHERE "serviceId" = ? AND "releasedAt" IS NULL ORDER BY "pulledAt" ASC`,
    ),
    rejections: q(`SELECT "payload" FROM "Event" WHERE "serviceId" = ? AND "type" = 'item.rejected' ORDER BY "seq" ASC`),
  };
}

type Row<K extends keyof WallCoreRows> = WallCoreRows[K][number];
type RawItem = Omit<Row<"items">, "labels" | "enteredStageAt" | "createdAt" | "expedite"> & {
  labels: string;
  enteredStageAt: string | number;
  createdAt: string | number;
  expedite: number;
};

export function readWallCoreOnSqlite(conn: Database.Database, serviceId: string): WallCoreRows {
  let s = cache.get(conn);
  if (!s) cache.set(conn, (s = prepare(conn)));
  const criteria = new Map<string, { id: string; text: string }[]>();
  for (const c of s.criteria.all(serviceId) as Array<{ id: string; text: string; stageId: string }>) {
    const list = criteria.get(c.stageId);
    if (list) list.push({ id: c.id, text: c.text });
    else criteria.set(c.stageId, [{ id: c.id, text: c.text }]);
  }
  const stages = (s.stages.all(serviceId) as Array<Omit<Row<"stages">, "retired" | "doneCriteria"> & { retired: number }>).map((st) => ({
    ...st,
    retired: st.retired === 1,
    doneCriteria: criteria.get(st.id) ?? [],
  }));
  const items = (s.items.all(serviceId) as RawItem[]).map((r) => ({
    ...r,
    labels: JSON.parse(r.labels) as Row<"items">["labels"],
    enteredStageAt: new Date(r.enteredStageAt),
    createdAt: new Date(r.createdAt),
    expedite: r.expedite === 1,
  }));
  const states = s.states.all(serviceId) as Row<"states">[];
  const andons = (s.andons.all(serviceId) as Array<Omit<Row<"andons">, "pulledAt"> & { pulledAt: string | number }>).map((a) => ({
    ...a,
    pulledAt: new Date(a.pulledAt),
  }));
  const rejections = (s.rejections.all(serviceId) as Array<{ payload: string }>).map((e) => ({ payload: JSON.parse(e.payload) as Row<"rejections">["payload"] }));
  return { stages, items, states, andons, rejections };
}
