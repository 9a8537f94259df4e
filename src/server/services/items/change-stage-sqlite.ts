import "server-only";
import { subscriptionWants, type WebhookEventType } from "@/domain/webhooks";
import { can, seesService, type Actor } from "@/domain/permissions";
import { planStageChange, stageChangeCommand, type StageChangeCommand } from "@/domain/stage-change";
import { ZMoveItemRequest, ZRejectItemRequest, type TWallItem } from "@/lib/schemas/item";
import { now as clockNow } from "@/server/clock";
import { sqliteDirect } from "@/server/db";
import { publishCommitted } from "@/server/realtime/bus";
import { sqliteStageChangeStore } from "@/server/sqlite/stage-change-store";
import { anyMoveGuardApplies, moveGuardInput } from "./move-guards";

// The hot commands of the wall (moveItem, rejectItem), on SQLite, as ONE synchronous better-sqlite3
// transaction on Prisma's own connection (under its lock; docs/decisions/006): ~50× less CPU than
// the same move through Prisma 6's per-query WASM compiler (bench/README.md). The same plan decides
// (src/domain/stage-change.ts) as on the canonical path (change-stage.ts), with the same
// visibility and permission rules; it takes only the happy path: whenever anything would refuse,
// or a move guard or a webhook applies, it writes nothing and answers null, so the command runs
// the canonical path, which refuses with the canonical error and audit (or runs the guard, or
// writes the webhook delivery in the same transaction).

/** The move, committed, or null when the canonical path must decide (nothing was written). */
export async function tryMoveItemOnSqlite(actor: Actor, itemId: string, input: unknown): Promise<TWallItem | null> {
  const cmd = parseStageChange("move", input);
  return cmd && tryChangeStageOnSqlite(actor, itemId, cmd);
}

/** The rejection upstream, committed, or null when the canonical path must decide. */
export async function tryRejectItemOnSqlite(actor: Actor, itemId: string, input: unknown): Promise<TWallItem | null> {
  const cmd = parseStageChange("reject", input);
  return cmd && tryChangeStageOnSqlite(actor, itemId, cmd);
}

/** The command, or null when the input is not a valid one (the canonical path then says why). */
export function parseStageChange(intent: StageChangeCommand["intent"], input: unknown): StageChangeCommand | null {
  const parsed = (intent === "move" ? ZMoveItemRequest : ZRejectItemRequest).safeParse(input);
  return parsed.success ? stageChangeCommand(intent, parsed.data) : null;
}

/** A parsed stage change, committed on SQLite, or null when the canonical path must decide. */
export async function tryChangeStageOnSqlite(actor: Actor, itemId: string, cmd: StageChangeCommand): Promise<TWallItem | null> {
  const direct = sqliteDirect();
  if (!direct) return null;
  const actorId = actor.kind === "user" ? actor.userId : null;
  const done = await direct.run((c) => {
    const store = sqliteStageChangeStore(c);
    return c.transaction(() => {
      const now = clockNow();
      const loaded = store.load(itemId, cmd.toStageId, now);
      if (!loaded) return null;
      const { service, context } = loaded;
      if (!seesService(actor, { id: service.id, teamId: service.teamId })) return null;
      // A retired service is read-only: the canonical path refuses (runCommand says why).
      if (service.status === "RETIRED") return null;
      if (!can(actor, "item.move", { teamId: service.teamId, serviceId: service.id })) return null;
      const plan = planStageChange(context, cmd);
      if (!plan.ok) return null;
      if (anyMoveGuardApplies(moveGuardInput(actor, context, plan.direction))) return null;
      // A webhook wants this event: the canonical path writes its delivery in the same transaction (the outbox).
      if (webhookWants(store.webhookEventTypes(service.id), plan.event.type)) return null;
      const event = store.apply(plan, actorId, now);
      return event && { card: plan.card, event };
    })();
  });
  if (!done) return null;
  publishCommitted([done.event]);
  return done.card;
}

function webhookWants(subscriptions: string[][], type: WebhookEventType): boolean {
  return subscriptions.some((eventTypes) => subscriptionWants({ enabled: true, eventTypes }, type));
}
