import "server-only";
import type { Actor } from "@/domain/permissions";
import { db } from "@/server/db";
import { serviceForWebhooks } from "./webhook-access";
import { SUBSCRIPTION_SELECT, toWebhookDtos } from "./webhook-dto";

/** The webhooks of a service, newest first, never their secrets. */
export async function listWebhooks(actor: Actor, serviceKeyOrId: string) {
  const service = await serviceForWebhooks(actor, serviceKeyOrId);
  const rows = await db.webhookSubscription.findMany({
    where: { serviceId: service.id },
    orderBy: { createdAt: "desc" },
    select: SUBSCRIPTION_SELECT,
  });
  return { service, webhooks: await toWebhookDtos(db, rows) };
}
