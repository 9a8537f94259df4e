import "server-only";
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import type { Criterion } from "@/domain/flow-rules";
import type { StageChangeContext, StageChangePlan, StageChangeStage } from "@/domain/stage-change";
import type { ObeyaEvent } from "@/lib/events";
import type { ItemKind } from "@/lib/schemas/item";

// The better-sqlite3 store of a stage change (docs/decisions/006): cached prepared statements on
// the connection Prisma's adapter owns, called inside ONE synchronous transaction under its lock
// (change-stage-sqlite.ts). It reads the context and writes the plan of src/domain/stage-change.ts,
// the same as the Prisma store (change-stage.ts) does; tests/integration/stage-change-stores.test.ts
// runs both over the same commands and compares every row and event.

type ItemRow = {
  id: string;
  serviceId: string;
  stageId: string;
  kind: ItemKind;
  title: string;
  description: string;
  rank: string;
  labels: string;
  blockedReason: string | null;
  businessValue: number | null;
  costEstimate: number | null;
  version: number;
  enteredStageAt: string;
  createdAt: string;
  rejectionCount: number;
  releaseId: string | null;
  teamId: string;
  serviceStatus: string;
};
type StageRow = { id: string; serviceId: string; key: string; name: string; position: number; retired: number; wipLimit: number | null };

function prepare(c: Database.Database) {
  // The adapter turns safe integers on for the connection; these statements read plain numbers.
  const q = (sql: string) => c.prepare(sql).safeIntegers(false);
  return {
    item: q(
      `SELECT w."id", w."serviceId", w."stageId", w."kind", w."title", w."description", w."rank", w."labels",
              w."blockedReason", w."businessValue", w."costEstimate", w."version", w."enteredStageAt", w."createdAt",
              w."rejectionCount", w."releaseId", s."teamId", s."status" AS "serviceStatus"
         FROM "WorkItem" w JOIN "Service" s ON s."id" = w."serviceId" WHERE w."id" = ?`,
    ),
    stage: q(`SELECT "id", "serviceId", "key", "name", "position", "retired", "wipLimit" FROM "Stage" WHERE "id" = ?`),
    criteria: q(`SELECT "id", "text" FROM "DoneCriterion" WHERE "stageId" = ? AND "retired" = 0 ORDER BY "position" ASC`),
    ticked: q(
      `SELECT cs."criterionId", c."stageId" FROM "ItemCriterionState" cs JOIN "DoneCriterion" c ON c."id" = cs."criterionId"
        WHERE cs."itemId" = ? AND cs."done" = 1 AND c."retired" = 0`,
    ),
    itemAndon: q(`SELECT "id", "reason", "pulledAt" FROM "Andon" WHERE "itemId" = ? AND "releasedAt" IS NULL ORDER BY "pulledAt" ASC LIMIT 1`),
    between: q(
      `SELECT "name" FROM "Stage" WHERE "serviceId" = ? AND "retired" = 0 AND "position" > ? AND "position" < ? ORDER BY "position" ASC`,
    ),
    stageCount: q(`SELECT count(*) AS "n" FROM "WorkItem" WHERE "stageId" = ?`),
    stageAndons: q(`SELECT count(*) AS "n" FROM "Andon" WHERE "stageId" = ? AND "releasedAt" IS NULL`),
    update: q(
      `UPDATE "WorkItem" SET "stageId" = ?, "version" = ?, "enteredStageAt" = ?, "updatedAt" = ?, "expedite" = ?,
              "expediteReason" = ?, "rejectionCount" = ? WHERE "id" = ? AND "version" = ?`,
    ),
    resetCriteria: q(
      `UPDATE "ItemCriterionState" SET "done" = 0, "doneById" = NULL, "doneAt" = NULL
        WHERE "itemId" = ? AND "criterionId" IN (SELECT "value" FROM json_each(?))`,
    ),
    bumpSeq: q(`UPDATE "Service" SET "lastSeq" = "lastSeq" + 1 WHERE "id" = ? RETURNING "lastSeq"`),
    insertEvent: q(`INSERT INTO "Event" ("id", "serviceId", "seq", "actorId", "type", "payload", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`),
    webhookTypes: q(`SELECT "eventTypes" FROM "WebhookSubscription" WHERE "serviceId" = ? AND "enabled" = 1`),
  };
}
type Statements = ReturnType<typeof prepare>;
const prepared = new WeakMap<Database.Database, Statements>();

// How Prisma's SQLite adapter writes a DateTime (timestampFormat "iso8601"), so both read alike.
const sqliteTime = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** The store on a connection; call it only inside a transaction on that connection. */
export function sqliteStageChangeStore(c: Database.Database) {
  let st = prepared.get(c);
  if (!st) prepared.set(c, (st = prepare(c)));
  const s = st;

  const stageOf = (row: StageRow, counted: boolean): StageChangeStage => ({
    id: row.id,
    key: row.key,
    name: row.name,
    position: row.position,
    retired: row.retired === 1,
    wipLimit: row.wipLimit,
    criteria: s.criteria.all(row.id) as Criterion[],
    itemCount: counted ? (s.stageCount.get(row.id) as { n: number }).n : 0,
    andonOpen: counted ? (s.stageAndons.get(row.id) as { n: number }).n > 0 : false,
  });

  return {
    /**
     * The context of moving `itemId` to `toStageId`, with the service it belongs to (the caller
     * decides visibility and permission from it); null when there is no such item.
     */
    load(itemId: string, toStageId: string, now: Date): { context: StageChangeContext<ItemKind>; service: { id: string; teamId: string; status: string } } | null {
      const item = s.item.get(itemId) as ItemRow | undefined;
      if (!item) return null;
      const fromRow = s.stage.get(item.stageId) as StageRow;
      const found = s.stage.get(toStageId) as StageRow | undefined;
      const toRow = found && found.serviceId === item.serviceId ? found : null;
      const andon = s.itemAndon.get(item.id) as { id: string; reason: string; pulledAt: string } | undefined;
      const labels = JSON.parse(item.labels) as unknown;
      return {
        service: { id: item.serviceId, teamId: item.teamId, status: item.serviceStatus },
        context: {
          item: {
            id: item.id,
            serviceId: item.serviceId,
            stageId: item.stageId,
            kind: item.kind,
            title: item.title,
            description: item.description,
            rank: item.rank,
            labels: Array.isArray(labels) ? (labels as string[]) : [],
            blockedReason: item.blockedReason,
            businessValue: item.businessValue,
            costEstimate: item.costEstimate,
            version: item.version,
            enteredStageAt: new Date(item.enteredStageAt),
            createdAt: new Date(item.createdAt),
            rejectionCount: item.rejectionCount,
            releaseId: item.releaseId,
            ticked: s.ticked.all(item.id) as { criterionId: string; stageId: string }[],
            andon: andon ? { id: andon.id, reason: andon.reason, pulledAt: new Date(andon.pulledAt) } : null,
          },
          from: stageOf(fromRow, false),
          to: toRow && stageOf(toRow, true),
          between: toRow
            ? (s.between.all(
                item.serviceId,
                Math.min(fromRow.position, toRow.position),
                Math.max(fromRow.position, toRow.position),
              ) as { name: string }[])
            : [],
          now,
        },
      };
    },

    /** The event types each enabled webhook subscription of the service asked for. */
    webhookEventTypes(serviceId: string): string[][] {
      return (s.webhookTypes.all(serviceId) as { eventTypes: string }[]).map((r) => JSON.parse(r.eventTypes) as string[]);
    },

    /**
     * Writes the plan and appends its event, made at `now`, with the next gapless seq of the
     * service; null when the item's version moved on (nothing written then).
     */
    apply(plan: StageChangePlan, actorId: string | null, now: Date): ObeyaEvent | null {
      const row = plan.changes.item;
      const changed = s.update.run(
        row.stageId,
        row.version,
        sqliteTime(row.enteredStageAt),
        sqliteTime(row.updatedAt),
        row.expedite ? 1 : 0,
        row.expediteReason,
        row.rejectionCount,
        row.id,
        row.expectedVersion,
      ).changes;
      if (changed !== 1) return null;
      const reset = plan.changes.resetCriterionIds;
      if (reset.length > 0) s.resetCriteria.run(row.id, JSON.stringify(reset));
      const serviceId = plan.card.serviceId;
      const { lastSeq } = s.bumpSeq.get(serviceId) as { lastSeq: number };
      const { type, payload } = plan.event;
      s.insertEvent.run(randomUUID(), serviceId, lastSeq, actorId, type, JSON.stringify(payload), sqliteTime(now));
      return { serviceId, seq: lastSeq, actorId, type, payload, createdAt: now.toISOString() } as ObeyaEvent;
    },
  };
}
