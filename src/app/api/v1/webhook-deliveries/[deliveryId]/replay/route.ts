// POST /api/v1/webhook-deliveries/{deliveryId}/replay — send a delivery again, as a new delivery
import { replayWebhookDelivery } from "@/lib/openapi/webhook-operations";
import { operationRoute } from "@/server/http/operation-route";
import { replayWebhookDelivery as replayWebhookDeliveryUseCase } from "@/server/services/webhooks/replay-webhook-delivery";

export const POST = operationRoute(replayWebhookDelivery, async ({ actor, params }) => ({
  status: 201,
  body: { delivery: await replayWebhookDeliveryUseCase(actor, params.deliveryId) },
}));
