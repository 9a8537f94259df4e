import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZUpdateWebhookRequest, type TUpdateWebhookRequest } from "@/lib/schemas/webhook";
import { db } from "@/server/db";
import { recordAudit } from "@/server/services/audit";
import { parseInput } from "@/server/services/parse-input";
import { subscriptionForActor } from "./webhook-access";
import { SUBSCRIPTION_SELECT, toWebhookDtos } from "./webhook-dto";

/** Renames, re-points, changes the events or the format, or disables (pauses) a webhook; 409 on a stale version. */
export async function updateWebhook(actor: Actor, subscriptionId: string, input: TUpdateWebhookRequest) {
  const sub = await subscriptionForActor(actor, subscriptionId, true);
  const cmd = parseInput(ZUpdateWebhookRequest, input);
  return db.$transaction(async (tx) => {
    const { count } = await tx.webhookSubscription.updateMany({
      where: { id: sub.id, version: cmd.expectedVersion },
      data: {
        name: cmd.name,
        url: cmd.url,
        format: cmd.format,
        eventTypes: cmd.eventTypes,
        enabled: cmd.enabled,
        version: { increment: 1 },
      },
    });
    const row = await tx.webhookSubscription.findUniqueOrThrow({ where: { id: sub.id }, select: SUBSCRIPTION_SELECT });
    const [webhook] = await toWebhookDtos(tx, [row]);
    if (count === 0) {
      throw new AppError("VERSION_CONFLICT", "The webhook changed since you loaded it; reload and try again.", { current: webhook });
    }
    const fields = Object.keys(cmd).filter((k) => k !== "expectedVersion" && cmd[k as keyof typeof cmd] !== undefined);
    await recordAudit(tx, actor, "webhook.updated", { webhookId: sub.id, serviceId: sub.service.id, fields, enabled: row.enabled });
    return webhook!;
  });
}
