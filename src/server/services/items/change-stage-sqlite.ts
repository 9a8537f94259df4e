import "server-only";
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import { decideFlowMove, type Criterion, type FlowStage } from "@/domain/flow-rules";
import { can, type Actor } from "@/domain/permissions";
import type { ObeyaEvent } from "@/lib/events";
import { ZMoveItemRequest, type TWallItem } from "@/lib/schemas/item";
import { sqliteDirect } from "@/server/db";
import { publishCommitted } from "@/server/realtime/bus";
import { anyMoveGuardApplies } from "./move-guards";
import { toWallItemDto } from "./wall-item";

// The hot command of the wall, on SQLite, as ONE synchronous better-sqlite3 transaction with
// prepared statements on Prisma's own connection (under its lock): ~50× less CPU than the same
// move through Prisma 6's per-query WASM compiler (bench/README.md). It takes only the happy
// path: the same pure rules decide (visibility, the permission matrix, zod, decideFlowMove, no
// move guard applies), and whenever any of them would refuse, it writes nothing and answers
// null, so moveItem runs the one canonical path (change-stage.ts) which refuses with the
// canonical error and audit. Both paths run the whole integration suite (SQLite: this one for
// every accepted move; PostgreSQL: Prisma's).

type ItemRow = {
  id: string;
  serviceId: string;
  stageId: string;
  kind: string;
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
  expedite: number;
  expediteReason: string | null;
  rejectionCount: number;
  releaseId: string | null;
  teamId: string;
};
type StageRow = { id: string; serviceId: string; key: string; name: string; position: number; retired: number; wipLimit: number | null };

function prepare(c: Database.Database) {
  // The adapter turns safe integers on for the connection; these statements read plain numbers.
  const q = (sql: string) => c.prepare(sql).safeIntegers(false);
  return {
    item: q(
      `SELECT w."id", w."serviceId", w."stageId", w."kind", w."title", w."description", w."rank", w."labels",
              w."blockedReason", w."businessValue", w."costEstimate", w."version", w."enteredStageAt", w."createdAt",
              w."expedite", w."expediteReason", w."rejectionCount", w."releaseId", s."teamId"
         FROM "WorkItem" w JOIN "Service" s ON s."id" = w."serviceId" WHERE w."id" = ?`,
    ),
    stage: q(`SELECT "id", "serviceId", "key", "name", "position", "retired", "wipLimit" FROM "Stage" WHERE "id" = ?`),
    criteria: q(`SELECT "id", "text" FROM "DoneCriterion" WHERE "stageId" = ? AND "retired" = 0 ORDER BY "position" ASC`),
    done: q(
      `SELECT cs."criterionId", c."stageId" FROM "ItemCriterionState" cs JOIN "DoneCriterion" c ON c."id" = cs."criterionId"
        WHERE cs."itemId" = ? AND cs."done" = 1 AND c."retired" = 0`,
    ),
    itemAndon: q(`SELECT "id", "reason", "pulledAt" FROM "Andon" WHERE "itemId" = ? AND "releasedAt" IS NULL ORDER BY "pulledAt" ASC LIMIT 1`),
    stageCount: q(`SELECT count(*) AS "n" FROM "WorkItem" WHERE "stageId" = ?`),
    stageAndons: q(`SELECT count(*) AS "n" FROM "Andon" WHERE "stageId" = ? AND "releasedAt" IS NULL`),
    update: q(
      `UPDATE "WorkItem" SET "stageId" = ?, "version" = "version" + 1, "enteredStageAt" = ?, "expedite" = ?,
              "expediteReason" = ?, "updatedAt" = ? WHERE "id" = ? AND "version" = ?`,
    ),
    bumpSeq: q(`UPDATE "Service" SET "lastSeq" = "lastSeq" + 1 WHERE "id" = ? RETURNING "lastSeq"`),
    insertEvent: q(`INSERT INTO "Event" ("id", "serviceId", "seq", "actorId", "type", "payload", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`),
  };
}
type Statements = ReturnType<typeof prepare>;
const prepared = new WeakMap<Database.Database, Statements>();

// How Prisma's SQLite adapter writes a DateTime (timestampFormat "iso8601"), so both read alike.
const sqliteTime = (d: Date) => d.toISOString().replace("Z", "+00:00");

function visible(actor: Actor, row: { serviceId: string; teamId: string }): boolean {
  if (actor.kind === "token") return actor.serviceId === row.serviceId;
  return actor.isAdmin || actor.memberships.some((m) => m.teamId === row.teamId);
}

function flowStage(st: Statements, row: StageRow, criteria: Criterion[], counted: boolean): FlowStage {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    retired: row.retired === 1,
    wipLimit: row.wipLimit,
    criteria,
    itemCount: counted ? (st.stageCount.get(row.id) as { n: number }).n : 0,
    andonOpen: counted ? (st.stageAndons.get(row.id) as { n: number }).n > 0 : false,
  };
}

/** The move, committed, or null when the canonical path must decide (nothing was written). */
export async function tryMoveItemOnSqlite(actor: Actor, itemId: string, input: unknown): Promise<TWallItem | null> {
  const direct = sqliteDirect();
  const parsed = ZMoveItemRequest.safeParse(input);
  if (!direct || !parsed.success) return null;
  const cmd = parsed.data;
  const actorId = actor.kind === "user" ? actor.userId : null;

  const done = await direct.run((c) => {
    let st = prepared.get(c);
    if (!st) prepared.set(c, (st = prepare(c)));
    const s = st;
    return c.transaction(() => {
      const item = s.item.get(itemId) as ItemRow | undefined;
      if (!item || !visible(actor, item)) return null;
      if (!can(actor, "item.move", { teamId: item.teamId, serviceId: item.serviceId })) return null;
      if (item.version !== cmd.expectedVersion) return null;
      const fromRow = s.stage.get(item.stageId) as StageRow;
      const toRow = s.stage.get(cmd.toStageId) as StageRow | undefined;
      if (!toRow || toRow.serviceId !== item.serviceId) return null;
      const states = s.done.all(item.id) as { criterionId: string; stageId: string }[];
      const andon = s.itemAndon.get(item.id) as { id: string; reason: string; pulledAt: string } | undefined;
      const from = flowStage(s, fromRow, s.criteria.all(fromRow.id) as Criterion[], false);
      const to = flowStage(s, toRow, s.criteria.all(toRow.id) as Criterion[], true);
      const decision = decideFlowMove({
        item: {
          id: item.id,
          stageId: item.stageId,
          version: item.version,
          andonOpen: !!andon,
          criteria: states.filter((x) => x.stageId === item.stageId).map((x) => ({ criterionId: x.criterionId, done: true })),
        },
        expectedVersion: cmd.expectedVersion,
        from,
        to,
        expedite: cmd.expedite ?? null,
        rejectReason: null,
        intent: "move",
      });
      if (!decision.ok) return null;
      const guardInput = {
        actor,
        direction: decision.direction,
        item: { id: item.id, serviceId: item.serviceId, stageId: item.stageId, releaseId: item.releaseId, kind: item.kind, version: item.version },
        fromStage: { id: fromRow.id, key: fromRow.key, name: fromRow.name, position: fromRow.position },
        toStage: { id: toRow.id, key: toRow.key, name: toRow.name, position: toRow.position },
      };
      if (anyMoveGuardApplies(guardInput)) return null;

      const now = new Date();
      const expedite = decision.expedite && decision.overLimitAfter ? (cmd.expedite ?? null) : null;
      const at = sqliteTime(now);
      const changed = s.update.run(toRow.id, at, expedite ? 1 : 0, expedite?.reason ?? null, at, item.id, cmd.expectedVersion).changes;
      if (changed !== 1) return null;
      const doneCriterionIds = states.filter((x) => x.stageId === toRow.id).map((x) => x.criterionId);
      const payload = {
        itemId: item.id,
        fromStageId: item.stageId,
        toStageId: toRow.id,
        version: item.version + 1,
        enteredStageAt: now.toISOString(),
        msInFromStage: now.getTime() - Date.parse(item.enteredStageAt),
        doneCriterionIds,
        expedite,
      };
      const { lastSeq } = s.bumpSeq.get(item.serviceId) as { lastSeq: number };
      s.insertEvent.run(randomUUID(), item.serviceId, lastSeq, actorId, "item.moved", JSON.stringify(payload), at);
      const event = {
        serviceId: item.serviceId,
        seq: lastSeq,
        actorId,
        type: "item.moved",
        payload,
        createdAt: now.toISOString(),
      } as ObeyaEvent;
      const moved = toWallItemDto(
        {
          ...item,
          labels: JSON.parse(item.labels) as unknown,
          stageId: toRow.id,
          version: item.version + 1,
          enteredStageAt: now,
          createdAt: new Date(item.createdAt),
          expedite: expedite !== null,
          expediteReason: expedite?.reason ?? null,
        },
        { doneCriterionIds, andon: andon ? { id: andon.id, reason: andon.reason, pulledAt: new Date(andon.pulledAt) } : null, sentBack: null },
      );
      return { moved, event };
    })();
  });
  if (!done) return null;
  publishCommitted([done.event]);
  return done.moved;
}
