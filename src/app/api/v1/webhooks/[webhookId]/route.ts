// PATCH /api/v1/webhooks/{webhookId} — change a webhook, or disable (pause) and enable it
// DELETE /api/v1/webhooks/{webhookId} — delete a webhook and its delivery log
import { deleteWebhook, updateWebhook } from "@/lib/openapi/webhook-operations";
import { operationRoute } from "@/server/http/operation-route";
import { deleteWebhook as deleteWebhookUseCase } from "@/server/services/webhooks/delete-webhook";
import { updateWebhook as updateWebhookUseCase } from "@/server/services/webhooks/update-webhook";

export const PATCH = operationRoute(updateWebhook, async ({ actor, params, body }) => ({
  status: 200,
  body: await updateWebhookUseCase(actor, params.webhookId, body),
}));

export const DELETE = operationRoute(deleteWebhook, async ({ actor, params }) => ({
  status: 200,
  body: await deleteWebhookUseCase(actor, params.webhookId),
}));
