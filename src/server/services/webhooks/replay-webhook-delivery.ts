import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { recordAudit } from "@/server/services/audit";
import { retiredMessage } from "@/domain/end-of-life";
import { DELIVERY_SELECT, toDeliveryDto } from "./webhook-dto";
import { kickWebhookWorker } from "./webhook-worker";

/**
 * Sends a delivery again (after the receiver was fixed, or to rebuild its state): a NEW delivery
 * of the same envelope, due now, with the attempts budget afresh. The original stays in the log
 * as it was; receivers tell repeats apart by the event's service and seq.
 */
export async function replayWebhookDelivery(actor: Actor, deliveryId: string) {
  const original = await db.webhookDelivery.findFirst({
    where: { id: deliveryId, subscription: { service: visibleServiceWhere(actor) } },
    select: {
      id: true,
      subscriptionId: true,
      serviceId: true,
      eventSeq: true,
      eventType: true,
      envelope: true,
      subscription: { select: { service: { select: { id: true, teamId: true, name: true, status: true } } } },
    },
  });
  if (!original) throw new AppError("NOT_FOUND", "Delivery not found.");
  const service = original.subscription.service;
  await assertCan(actor, "webhook.manage", { teamId: service.teamId, serviceId: service.id });
  if (service.status === "RETIRED") throw new AppError("RULE_VIOLATION", retiredMessage(service.name), { rule: "SERVICE_RETIRED" });
  const delivery = await db.$transaction(async (tx) => {
    const created = await tx.webhookDelivery.create({
      data: {
        subscriptionId: original.subscriptionId,
        serviceId: original.serviceId,
        eventSeq: original.eventSeq,
        eventType: original.eventType,
        envelope: original.envelope as object,
        replayOfId: original.id,
        nextAttemptAt: new Date(),
      },
      select: DELIVERY_SELECT,
    });
    await recordAudit(tx, actor, "webhook.replayed", { deliveryId: original.id, replayId: created.id, serviceId: service.id });
    return created;
  });
  kickWebhookWorker();
  return toDeliveryDto(delivery);
}
