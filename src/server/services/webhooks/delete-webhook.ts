import "server-only";
import type { Actor } from "@/domain/permissions";
import { db } from "@/server/db";
import { recordAudit } from "@/server/services/audit";
import { subscriptionForActor } from "./webhook-access";

/** Deletes a webhook with its delivery log; pending deliveries are never sent. */
export async function deleteWebhook(actor: Actor, subscriptionId: string) {
  const sub = await subscriptionForActor(actor, subscriptionId);
  await db.$transaction(async (tx) => {
    await tx.webhookSubscription.delete({ where: { id: sub.id } });
    await recordAudit(tx, actor, "webhook.deleted", { webhookId: sub.id, serviceId: sub.service.id });
  });
  return { id: sub.id, deleted: true as const };
}
