// GET /api/v1/webhooks/{webhookId}/deliveries — the delivery log, newest first, with every attempt
import { listWebhookDeliveries } from "@/lib/openapi/webhook-operations";
import { operationRoute } from "@/server/http/operation-route";
import { listWebhookDeliveries as listWebhookDeliveriesUseCase } from "@/server/services/webhooks/list-webhook-deliveries";

export const GET = operationRoute(listWebhookDeliveries, async ({ actor, params, query }) => ({
  status: 200,
  body: await listWebhookDeliveriesUseCase(actor, params.webhookId, query),
}));
