import "server-only";
import { buildEnvelope, publicEventType, subscriptionWants, type WebhookEventType } from "@/domain/webhooks";
import type { Tx } from "@/server/db";
import { toEventTypes } from "./webhook-dto";

type CommittedEvent = { seq: number; type: string; actorId: string | null; payload: unknown; createdAt: string };

/**
 * The outbox: inside the transaction that appends a service's events, one delivery row per
 * (event, subscription that wants it). Nothing is sent here; the worker sends after commit. If
 * the command rolls back, so do its deliveries; if the process dies after commit, the rows are
 * there for any instance's worker. Returns how many were written (0 costs no query at all when
 * none of the events is of a public type, as for most moves and edits).
 */
export async function enqueueWebhookDeliveries(
  tx: Tx,
  service: { id: string; key: string; name: string },
  events: readonly CommittedEvent[],
): Promise<number> {
  const typed = events.flatMap((e) => {
    const type = publicEventType(e.type, e.payload);
    return type ? [{ e, type }] : [];
  });
  if (typed.length === 0) return 0;
  const subs = await tx.webhookSubscription.findMany({
    where: { serviceId: service.id, enabled: true },
    select: { id: true, eventTypes: true },
  });
  if (subs.length === 0) return 0;
  const rows: { subscriptionId: string; serviceId: string; eventSeq: number; eventType: WebhookEventType; envelope: object }[] = [];
  for (const sub of subs) {
    const filter = { enabled: true, eventTypes: toEventTypes(sub.eventTypes) };
    for (const { e, type } of typed) {
      if (!subscriptionWants(filter, type)) continue;
      rows.push({ subscriptionId: sub.id, serviceId: service.id, eventSeq: e.seq, eventType: type, envelope: buildEnvelope(service, e, type) });
    }
  }
  if (rows.length > 0) await tx.webhookDelivery.createMany({ data: rows });
  return rows.length;
}
