import "server-only";
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import { subscriptionWants, type WebhookEventType } from "@/domain/webhooks";
import { decideFlowMove, type Criterion, type FlowStage } from "@/domain/flow-rules";
import { can, seesService, type Actor } from "@/domain/permissions";
import type { ObeyaEvent } from "@/lib/events";
import { ZMoveItemRequest, ZRejectItemRequest, type TWallItem } from "@/lib/schemas/item";
import { now as clockNow } from "@/server/clock";
import { sqliteDirect } from "@/server/db";
import { publishCommitted } from "@/server/realtime/bus";
import { anyMoveGuardApplies } from "./move-guards";
import { toWallItemDto } from "./wall-item";

// The hot commands of the wall (moveItem, rejectItem), on SQLite, as ONE synchronous better-sqlite3 transaction with
// prepared statements on Prisma's own connection (under its lock): ~50× less CPU than the same
// move through Prisma 6's per-query WASM compiler (bench/README.md). It takes only the happy
// path: the same pure rules decide (visibility, the permission matrix, zod, decideFlowMove, no
// move guard applies), and whenever any of them would refuse, it writes nothing and answers
// null, so the command runs the one canonical path (change-stage.ts) which refuses with the
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
              w."expedite", w."expediteReason", w."rejectionCount", w."releaseId", s."teamId", s."status" AS "serviceStatus"
         FROM "WorkItem" w JOIN "Service" s ON s."id" = w."serviceId" WHERE w."id" = ?`,
    ),
    stage: q(`SELECT "id", "serviceId", "key", "name", "position", "retired", "wipLimit" FROM "Stage" WHERE "id" = ?`),
    criteria: q(`SELECT "id", "text" FROM "DoneCriterion" WHERE "stageId" = ? AND "retired" = 0 ORDER BY "position" ASC`),
    done: q(
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
      `UPDATE "WorkItem" SET "stageId" = ?, "version" = "version" + 1, "enteredStageAt" = ?, "expedite" = ?,
              "expediteReason" = ?, "rejectionCount" = "rejectionCount" + ?, "updatedAt" = ? WHERE "id" = ? AND "version" = ?`,
    ),
    resetCriteria: q(
      `UPDATE "ItemCriterionState" SET "done" = 0, "doneById" = NULL, "doneAt" = NULL
        WHERE "itemId" = ? AND "criterionId" IN (SELECT "id" FROM "DoneCriterion" WHERE "stageId" = ? AND "retired" = 0)`,
    ),
    bumpSeq: q(`UPDATE "Service" SET "lastSeq" = "lastSeq" + 1 WHERE "id" = ? RETURNING "lastSeq"`),
    insertEvent: q(`INSERT INTO "Event" ("id", "serviceId", "seq", "actorId", "type", "payload", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`),
    webhookTypes: q(`SELECT "eventTypes" FROM "WebhookSubscription" WHERE "serviceId" = ? AND "enabled" = 1`),
  };
}
type Statements = ReturnType<typeof prepare>;

function webhookWants(st: Statements, serviceId: string, type: WebhookEventType): boolean {
  const rows = st.webhookTypes.all(serviceId) as { eventTypes: string }[];
  return rows.some((r) => subscriptionWants({ enabled: true, eventTypes: JSON.parse(r.eventTypes) as string[] }, type));
}
const prepared = new WeakMap<Database.Database, Statements>();

// How Prisma's SQLite adapter writes a DateTime (timestampFormat "iso8601"), so both read alike.
const sqliteTime = (d: Date) => d.toISOString().replace("Z", "+00:00");

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

type Change =
  | { intent: "move"; toStageId: string; expectedVersion: number; expedite: { reason: string } | null }
  | { intent: "reject"; toStageId: string; expectedVersion: number; reason: string };

function parse(intent: Change["intent"], input: unknown): Change | null {
  if (intent === "move") {
    const p = ZMoveItemRequest.safeParse(input);
    return p.success ? { intent, ...p.data, expedite: p.data.expedite ?? null } : null;
  }
  const p = ZRejectItemRequest.safeParse(input);
  return p.success ? { intent, ...p.data } : null;
}

/** The move, committed, or null when the canonical path must decide (nothing was written). */
export function tryMoveItemOnSqlite(actor: Actor, itemId: string, input: unknown): Promise<TWallItem | null> {
  return tryChangeStageOnSqlite(actor, itemId, "move", input);
}

/** The rejection upstream, committed, or null when the canonical path must decide. */
export function tryRejectItemOnSqlite(actor: Actor, itemId: string, input: unknown): Promise<TWallItem | null> {
  return tryChangeStageOnSqlite(actor, itemId, "reject", input);
}

async function tryChangeStageOnSqlite(actor: Actor, itemId: string, intent: Change["intent"], input: unknown): Promise<TWallItem | null> {
  const direct = sqliteDirect();
  const cmd = parse(intent, input);
  if (!direct || !cmd) return null;
  const rejecting = cmd.intent === "reject";
  const actorId = actor.kind === "user" ? actor.userId : null;

  const done = await direct.run((c) => {
    let st = prepared.get(c);
    if (!st) prepared.set(c, (st = prepare(c)));
    const s = st;
    return c.transaction(() => {
      const item = s.item.get(itemId) as ItemRow | undefined;
      if (!item || !seesService(actor, { id: item.serviceId, teamId: item.teamId })) return null;
      // A retired service is read-only: the canonical path refuses (runCommand says why).
      if (item.serviceStatus === "RETIRED") return null;
      if (!can(actor, "item.move", { teamId: item.teamId, serviceId: item.serviceId })) return null;
      if (item.version !== cmd.expectedVersion) return null;
      // A webhook wants this event: the canonical path writes its delivery in the same transaction (the outbox).
      if (webhookWants(s, item.serviceId, cmd.intent === "reject" ? "item.rejected" : "item.moved")) return null;
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
        expedite: cmd.intent === "move" ? cmd.expedite : null,
        rejectReason: cmd.intent === "reject" ? cmd.reason : null,
        intent: cmd.intent,
        between: s.between.all(
          item.serviceId,
          Math.min(fromRow.position, toRow.position),
          Math.max(fromRow.position, toRow.position),
        ) as { name: string }[],
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

      const now = clockNow();
      // As change-stage.ts: only a move that needed it is an expedite.
      const expedite = cmd.intent === "move" && decision.expedite && decision.overLimitAfter ? cmd.expedite : null;
      const at = sqliteTime(now);
      const changed = s.update.run(toRow.id, at, expedite ? 1 : 0, expedite?.reason ?? null, rejecting ? 1 : 0, at, item.id, cmd.expectedVersion).changes;
      if (changed !== 1) return null;
      const inTarget = states.filter((x) => x.stageId === toRow.id).map((x) => x.criterionId);
      // Sent back: the upstream stage does its work again, so its criteria are met again first.
      if (rejecting && inTarget.length > 0) s.resetCriteria.run(item.id, toRow.id);
      const doneCriterionIds = rejecting ? [] : inTarget;
      const base = {
        itemId: item.id,
        fromStageId: item.stageId,
        toStageId: toRow.id,
        version: item.version + 1,
        enteredStageAt: now.toISOString(),
        msInFromStage: now.getTime() - Date.parse(item.enteredStageAt),
        doneCriterionIds,
      };
      const rejectionCount = item.rejectionCount + (rejecting ? 1 : 0);
      const type = cmd.intent === "reject" ? "item.rejected" : "item.moved";
      const payload =
        cmd.intent === "reject"
          ? { ...base, reason: cmd.reason, rejectionCount, resetCriterionIds: inTarget }
          : { ...base, expedite };
      const { lastSeq } = s.bumpSeq.get(item.serviceId) as { lastSeq: number };
      s.insertEvent.run(randomUUID(), item.serviceId, lastSeq, actorId, type, JSON.stringify(payload), at);
      const event = {
        serviceId: item.serviceId,
        seq: lastSeq,
        actorId,
        type,
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
          rejectionCount,
        },
        {
          doneCriterionIds,
          andon: andon ? { id: andon.id, reason: andon.reason, pulledAt: new Date(andon.pulledAt) } : null,
          sentBack: cmd.intent === "reject" ? { reason: cmd.reason, fromStageId: item.stageId } : null,
        },
      );
      return { moved, event };
    })();
  });
  if (!done) return null;
  publishCommitted([done.event]);
  return done.moved;
}
