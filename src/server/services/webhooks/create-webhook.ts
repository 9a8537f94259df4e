import "server-only";
import { randomBytes } from "node:crypto";
import { type Actor, actorUserId } from "@/domain/permissions";
import { ZCreateWebhookRequest, type TCreateWebhookRequest } from "@/lib/schemas/webhook";
import { db } from "@/server/db";
import { recordAudit } from "@/server/services/audit";
import { parseInput } from "@/server/services/parse-input";
import { serviceForWebhooks } from "./webhook-access";
import { SUBSCRIPTION_SELECT, toWebhookDtos } from "./webhook-dto";

/**
 * Subscribes a URL to some of the service's events. The signing secret is made here and
 * answered this once. Configuration is access to the service's events, like a token: it goes
 * to the audit log, not to the wall's event stream (whose viewers must not see the URL).
 */
export async function createWebhook(actor: Actor, serviceKeyOrId: string, input: TCreateWebhookRequest) {
  const service = await serviceForWebhooks(actor, serviceKeyOrId, true);
  const cmd = parseInput(ZCreateWebhookRequest, input);
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  return db.$transaction(async (tx) => {
    const row = await tx.webhookSubscription.create({
      data: {
        serviceId: service.id,
        name: cmd.name,
        url: cmd.url,
        format: cmd.format,
        eventTypes: cmd.eventTypes,
        secret,
        createdById: actorUserId(actor),
      },
      select: SUBSCRIPTION_SELECT,
    });
    await recordAudit(tx, actor, "webhook.created", { webhookId: row.id, serviceId: service.id, eventTypes: cmd.eventTypes, format: cmd.format });
    const [webhook] = await toWebhookDtos(tx, [row]);
    return { webhook: webhook!, secret };
  });
}
