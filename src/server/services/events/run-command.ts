import "server-only";
import { db, type Tx } from "@/server/db";
import type { EventPayloads, EventType, ObeyaEvent } from "@/lib/events";
import { publishCommitted } from "@/server/realtime/bus";
import { retiredMessage } from "@/domain/end-of-life";
import { AppError } from "@/lib/errors";
import { enqueueWebhookDeliveries } from "@/server/services/webhooks/enqueue-webhook-deliveries";
import { kickWebhookWorker } from "@/server/services/webhooks/webhook-worker";
import { now } from "@/server/clock";
import { withTransactionScope } from "./after-transaction";

type PendingEvent = { serviceId: string; type: EventType; payload: unknown };

export type EmitFn = <T extends EventType>(serviceId: string, type: T, payload: EventPayloads[T]) => void;

/**
 * The one write path: runs `work` in a transaction, appends the events it emitted with gapless
 * per-service sequence numbers in the same transaction (with the webhook deliveries they call
 * for: the outbox), and publishes them only after commit.
 */
export async function runCommand<R>(
  actorId: string | null,
  work: (tx: Tx, emit: EmitFn) => Promise<R>,
): Promise<{ result: R; events: ObeyaEvent[] }> {
  const { result, events, webhookDeliveries } = await withTransactionScope(() =>
    db.$transaction(
    async (tx) => {
      const pending: PendingEvent[] = [];
      const emit: EmitFn = (serviceId, type, payload) => pending.push({ serviceId, type, payload });
      const result = await work(tx, emit);
      const { events, webhookDeliveries } = await appendEvents(tx, actorId, pending);
      return { result, events, webhookDeliveries };
    },
    { timeout: 15_000, maxWait: 30_000 },
    ),
  );
  publishCommitted(events);
  // Sending happens in the background worker: a slow or dead receiver never holds up a command.
  if (webhookDeliveries > 0) kickWebhookWorker();
  return { result, events };
}

function isRetirement(e: PendingEvent): boolean {
  return e.type === "service.endOfLife.decided" && (e.payload as EventPayloads["service.endOfLife.decided"]).to === "RETIRED";
}

async function appendEvents(
  tx: Tx,
  actorId: string | null,
  pending: PendingEvent[],
): Promise<{ events: ObeyaEvent[]; webhookDeliveries: number }> {
  const byService = new Map<string, PendingEvent[]>();
  for (const e of pending) byService.set(e.serviceId, [...(byService.get(e.serviceId) ?? []), e]);
  const out: ObeyaEvent[] = [];
  let webhookDeliveries = 0;
  const createdAt = now();
  for (const [serviceId, list] of byService) {
    // The increment takes the service row's write lock: concurrent commands on one service
    // queue here, so sequence numbers are allocated without gaps or duplicates.
    const { lastSeq, status, name, key } = await tx.service.update({
      where: { id: serviceId },
      data: { lastSeq: { increment: list.length } },
      select: { lastSeq: true, status: true, name: true, key: true },
    });
    // A retired service is read-only everywhere: every write to it emits an event, so every
    // door (pages, API, sockets, seed) is refused here, and the transaction rolls the write
    // back. The one command allowed is the decision that retires it.
    if (status === "RETIRED" && !list.every(isRetirement)) {
      throw new AppError("RULE_VIOLATION", retiredMessage(name), { rule: "SERVICE_RETIRED" });
    }
    const first = lastSeq - list.length + 1;
    const rows = list.map((e, i) => ({
      serviceId,
      seq: first + i,
      actorId,
      type: e.type,
      payload: e.payload as object,
      createdAt,
    }));
    await tx.event.createMany({ data: rows });
    const committed = rows.map((r) => ({ ...r, createdAt: createdAt.toISOString() }) as ObeyaEvent);
    out.push(...committed);
    webhookDeliveries += await enqueueWebhookDeliveries(tx, { id: serviceId, key, name }, committed);
  }
  return { events: out, webhookDeliveries };
}
