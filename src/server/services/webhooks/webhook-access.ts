import "server-only";
import { retiredMessage } from "@/domain/end-of-life";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";

export type WebhookService = { id: string; key: string; name: string; teamId: string; status: string };

const SERVICE_SELECT = { id: true, key: true, name: true, teamId: true, status: true } as const;

/**
 * The service (by id or key) whose webhooks the actor manages: 404 when missing or not theirs,
 * 403 without `webhook.manage` (Service Masters and admins). `writing` also refuses a retired
 * service (read-only everywhere).
 */
export async function serviceForWebhooks(actor: Actor, serviceKeyOrId: string, writing = false): Promise<WebhookService> {
  const service = await db.service.findFirst({
    where: { OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }], ...visibleServiceWhere(actor) },
    select: SERVICE_SELECT,
  });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  await assertCan(actor, "webhook.manage", { teamId: service.teamId, serviceId: service.id });
  if (writing) refuseRetired(service);
  return service;
}

/** A subscription the actor manages (same 404 / 403 as its service). */
export async function subscriptionForActor(actor: Actor, subscriptionId: string, writing = false) {
  const sub = await db.webhookSubscription.findFirst({
    where: { id: subscriptionId, service: visibleServiceWhere(actor) },
    select: { id: true, version: true, service: { select: SERVICE_SELECT } },
  });
  if (!sub) throw new AppError("NOT_FOUND", "Webhook not found.");
  await assertCan(actor, "webhook.manage", { teamId: sub.service.teamId, serviceId: sub.service.id });
  if (writing) refuseRetired(sub.service);
  return sub;
}

function refuseRetired(service: WebhookService): void {
  if (service.status === "RETIRED") throw new AppError("RULE_VIOLATION", retiredMessage(service.name), { rule: "SERVICE_RETIRED" });
}
