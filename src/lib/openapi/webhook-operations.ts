// Outbound webhooks (issue 14.6; docs/decisions/009-outbound-webhooks.md). Listed in OPERATIONS by ./operations.ts.
import { z } from "zod";
import { ZId } from "@/lib/schemas/common";
import {
  ZCreatedWebhook,
  ZCreateWebhookRequest,
  ZDeletedWebhook,
  ZReplayedWebhookDelivery,
  ZUpdateWebhookRequest,
  ZWebhook,
  ZWebhookDeliveriesQuery,
  ZWebhookDeliveryList,
  ZWebhookList,
} from "@/lib/schemas/webhook";
import type { Operation } from "./operations";

function defineOperation<const O extends Operation>(op: O): O {
  return op;
}

const ZServiceParams = z.object({ serviceId: ZId.describe("The service's id (or its key)") });
const ZWebhookParams = z.object({ webhookId: ZId.describe("The webhook's id") });
const ZDeliveryParams = z.object({ deliveryId: ZId.describe("The delivery's id") });
const FORBIDDEN = { description: "Only the service's Service Master (or an admin) manages its webhooks; or a cross-site request" };

export const listWebhooks = defineOperation({
  operationId: "listWebhooks",
  method: "GET",
  path: "/api/v1/services/{serviceId}/webhooks",
  summary: "The service's outbound webhooks with their delivery log at a glance (never their secrets)",
  tags: ["webhooks"],
  auth: true,
  params: ZServiceParams,
  responses: { 200: { description: "Newest first", schema: ZWebhookList } },
  errors: { 403: FORBIDDEN, 404: { description: "No such service, or not yours" } },
});

export const createWebhook = defineOperation({
  operationId: "createWebhook",
  method: "POST",
  path: "/api/v1/services/{serviceId}/webhooks",
  summary: "Send some of the service's events to a URL, signed; the signing secret is answered once",
  description:
    "Only http and https URLs. Obeya POSTs from the server: operators should restrict its egress (a proxy or firewall) " +
    "so that webhooks cannot reach internal addresses. Body formats and the signature: README, Outbound webhooks.",
  tags: ["webhooks"],
  auth: true,
  params: ZServiceParams,
  body: ZCreateWebhookRequest,
  responses: { 201: { description: "Created; `secret` is shown this once", schema: ZCreatedWebhook } },
  errors: {
    400: { description: "A bad field, named: not an http(s) URL, no events, an unknown event type" },
    403: FORBIDDEN,
    404: { description: "No such service, or not yours" },
    422: { description: "The service is retired (read-only)" },
  },
});

export const updateWebhook = defineOperation({
  operationId: "updateWebhook",
  method: "PATCH",
  path: "/api/v1/webhooks/{webhookId}",
  summary: "Change a webhook's name, URL, format or events, or disable (pause) and enable it",
  tags: ["webhooks"],
  auth: true,
  params: ZWebhookParams,
  body: ZUpdateWebhookRequest,
  responses: { 200: { description: "The webhook as it is now", schema: ZWebhook } },
  errors: {
    400: { description: "A bad field, named" },
    403: FORBIDDEN,
    404: { description: "No such webhook, or not yours" },
    409: { description: "Changed since you loaded it (details.current is the webhook now)" },
    422: { description: "The service is retired (read-only)" },
  },
});

export const deleteWebhook = defineOperation({
  operationId: "deleteWebhook",
  method: "DELETE",
  path: "/api/v1/webhooks/{webhookId}",
  summary: "Delete a webhook and its delivery log; pending deliveries are not sent",
  tags: ["webhooks"],
  auth: true,
  params: ZWebhookParams,
  responses: { 200: { description: "Deleted", schema: ZDeletedWebhook } },
  errors: { 403: FORBIDDEN, 404: { description: "No such webhook, or not yours" } },
});

export const listWebhookDeliveries = defineOperation({
  operationId: "listWebhookDeliveries",
  method: "GET",
  path: "/api/v1/webhooks/{webhookId}/deliveries",
  summary: "A webhook's delivery log, newest first: status, attempts (status code, error, duration), next attempt",
  tags: ["webhooks"],
  auth: true,
  params: ZWebhookParams,
  query: ZWebhookDeliveriesQuery,
  responses: { 200: { description: "A page; pass nextCursor as cursor for the next", schema: ZWebhookDeliveryList } },
  errors: { 403: FORBIDDEN, 404: { description: "No such webhook, or not yours" } },
});

export const replayWebhookDelivery = defineOperation({
  operationId: "replayWebhookDelivery",
  method: "POST",
  path: "/api/v1/webhook-deliveries/{deliveryId}/replay",
  summary: "Send a delivery again now, as a new delivery of the same body (the original stays in the log)",
  tags: ["webhooks"],
  auth: true,
  params: ZDeliveryParams,
  responses: { 201: { description: "The new delivery, due now", schema: ZReplayedWebhookDelivery } },
  errors: {
    403: FORBIDDEN,
    404: { description: "No such delivery, or not yours" },
    422: { description: "The service is retired (read-only)" },
  },
});

export const WEBHOOK_OPERATIONS: readonly Operation[] = [
  listWebhooks,
  createWebhook,
  updateWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  replayWebhookDelivery,
];
