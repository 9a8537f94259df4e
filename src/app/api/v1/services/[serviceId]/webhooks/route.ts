// GET /api/v1/services/{serviceId}/webhooks — the service's outbound webhooks, never their secrets
// POST /api/v1/services/{serviceId}/webhooks — subscribe a URL to events; the signing secret is answered once
import { createWebhook, listWebhooks } from "@/lib/openapi/webhook-operations";
import { operationRoute } from "@/server/http/operation-route";
import { createWebhook as createWebhookUseCase } from "@/server/services/webhooks/create-webhook";
import { listWebhooks as listWebhooksUseCase } from "@/server/services/webhooks/list-webhooks";

export const GET = operationRoute(listWebhooks, async ({ actor, params }) => ({
  status: 200,
  body: { webhooks: (await listWebhooksUseCase(actor, params.serviceId)).webhooks },
}));

export const POST = operationRoute(createWebhook, async ({ actor, params, body }) => ({
  status: 201,
  body: await createWebhookUseCase(actor, params.serviceId, body),
}));
