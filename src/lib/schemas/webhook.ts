// Outbound webhooks (issue 14.6): requests and answers of /api/v1 …/webhooks. The secret is in
// an answer once, at creation; nothing answers it afterwards.
import { z } from "zod";
import { WEBHOOK_EVENT_TYPES, webhookUrlProblem } from "@/domain/webhooks";
import { ZVersion } from "./common";

const ZWebhookUrl = z
  .string()
  .trim()
  .min(1, "Enter the URL that receives the webhooks.")
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const ZEventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1, "Choose at least one event.")
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((list) => [...new Set(list)]);
const ZFormat = z.enum(["OBEYA", "SLACK"]).describe("OBEYA: the documented, signed JSON envelope; SLACK: {\"text\"} for Slack, Mattermost and Teams");

export const ZCreateWebhookRequest = z
  .object({
    name: z.string().trim().min(1, "Give the webhook a name.").max(80),
    url: ZWebhookUrl,
    format: ZFormat.default("OBEYA"),
    eventTypes: ZEventTypes,
  })
  .meta({ id: "CreateWebhookRequest" });
export type TCreateWebhookRequest = z.input<typeof ZCreateWebhookRequest>;

export const ZUpdateWebhookRequest = z
  .object({
    expectedVersion: ZVersion,
    name: z.string().trim().min(1, "Give the webhook a name.").max(80).optional(),
    url: ZWebhookUrl.optional(),
    format: ZFormat.optional(),
    eventTypes: ZEventTypes.optional(),
    enabled: z.boolean().optional().describe("false pauses it: no new deliveries; pending ones wait until it is enabled again"),
  })
  .meta({ id: "UpdateWebhookRequest" });
export type TUpdateWebhookRequest = z.input<typeof ZUpdateWebhookRequest>;

export const ZWebhook = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    name: z.string(),
    url: z.string(),
    format: z.enum(["OBEYA", "SLACK"]),
    eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    enabled: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    // the delivery log at a glance
    pending: z.number().int(),
    failed: z.number().int(),
    lastDeliveredAt: z.string().nullable(),
  })
  .meta({ id: "Webhook" });
export type TWebhook = z.output<typeof ZWebhook>;

export const ZWebhookList = z.object({ webhooks: z.array(ZWebhook) }).meta({ id: "WebhookList" });

export const ZCreatedWebhook = z
  .object({
    webhook: ZWebhook,
    // The signing secret, shown this once: verify X-Obeya-Signature with it.
    secret: z.string(),
  })
  .meta({ id: "CreatedWebhook" });

export const ZDeletedWebhook = z.object({ id: z.string(), deleted: z.literal(true) }).meta({ id: "DeletedWebhook" });

export const ZWebhookAttempt = z
  .object({
    number: z.number().int(),
    startedAt: z.string(),
    durationMs: z.number().int(),
    statusCode: z.number().int().nullable(),
    error: z.string().nullable(),
    ok: z.boolean(),
  })
  .meta({ id: "WebhookAttempt" });

export const ZWebhookDelivery = z
  .object({
    id: z.string(),
    subscriptionId: z.string(),
    eventSeq: z.number().int(),
    eventType: z.string(),
    status: z.enum(["PENDING", "DELIVERED", "FAILED"]),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    replayOfId: z.string().nullable(),
    createdAt: z.string(),
    attemptLog: z.array(ZWebhookAttempt),
  })
  .meta({ id: "WebhookDelivery" });
export type TWebhookDelivery = z.output<typeof ZWebhookDelivery>;

export const ZWebhookDeliveryList = z
  .object({ deliveries: z.array(ZWebhookDelivery), nextCursor: z.string().nullable() })
  .meta({ id: "WebhookDeliveryList" });

export const ZWebhookDeliveriesQuery = z.object({
  status: z.enum(["PENDING", "DELIVERED", "FAILED"]).optional(),
  cursor: z.string().max(64).optional().describe("nextCursor of the previous page"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const ZReplayedWebhookDelivery = z.object({ delivery: ZWebhookDelivery }).meta({ id: "ReplayedWebhookDelivery" });
