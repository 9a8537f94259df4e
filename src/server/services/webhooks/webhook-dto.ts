import "server-only";
import { isWebhookEventType, type WebhookEventType } from "@/domain/webhooks";
import type { TWebhook, TWebhookDelivery } from "@/lib/schemas/webhook";
import type { Db, Tx } from "@/server/db";

/** Event types are stored as JSON: only known ones come back out. */
export function toEventTypes(raw: unknown): WebhookEventType[] {
  return (Array.isArray(raw) ? raw : []).filter((t): t is WebhookEventType => typeof t === "string" && isWebhookEventType(t));
}

// Never the secret: it is answered once, by createWebhook.
export const SUBSCRIPTION_SELECT = {
  id: true,
  serviceId: true,
  name: true,
  url: true,
  format: true,
  eventTypes: true,
  enabled: true,
  version: true,
  createdAt: true,
} as const;

type SubscriptionRow = {
  id: string;
  serviceId: string;
  name: string;
  url: string;
  format: "OBEYA" | "SLACK";
  eventTypes: unknown;
  enabled: boolean;
  version: number;
  createdAt: Date;
};

/** The subscriptions with their delivery log at a glance (pending, failed, last delivered), in three grouped queries. */
export async function toWebhookDtos(client: Db | Tx, rows: SubscriptionRow[]): Promise<TWebhook[]> {
  const ids = rows.map((r) => r.id);
  const [byStatus, last] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          client.webhookDelivery.groupBy({
            by: ["subscriptionId", "status"],
            where: { subscriptionId: { in: ids }, status: { in: ["PENDING", "FAILED"] } },
            _count: { _all: true },
          }),
          client.webhookDelivery.groupBy({
            by: ["subscriptionId"],
            where: { subscriptionId: { in: ids }, status: "DELIVERED" },
            _max: { deliveredAt: true },
          }),
        ]);
  const count = (id: string, status: string) => byStatus.find((g) => g.subscriptionId === id && g.status === status)?._count._all ?? 0;
  return rows.map((r) => ({
    id: r.id,
    serviceId: r.serviceId,
    name: r.name,
    url: r.url,
    format: r.format,
    eventTypes: toEventTypes(r.eventTypes),
    enabled: r.enabled,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    pending: count(r.id, "PENDING"),
    failed: count(r.id, "FAILED"),
    lastDeliveredAt: last.find((g) => g.subscriptionId === r.id)?._max.deliveredAt?.toISOString() ?? null,
  }));
}

export const DELIVERY_SELECT = {
  id: true,
  subscriptionId: true,
  eventSeq: true,
  eventType: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastStatusCode: true,
  lastError: true,
  deliveredAt: true,
  replayOfId: true,
  createdAt: true,
  attemptLog: {
    orderBy: { number: "asc" },
    select: { number: true, startedAt: true, durationMs: true, statusCode: true, error: true, ok: true },
  },
} as const;

type DeliveryRow = {
  id: string;
  subscriptionId: string;
  eventSeq: number;
  eventType: string;
  status: "PENDING" | "DELIVERED" | "FAILED";
  attempts: number;
  nextAttemptAt: Date;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  replayOfId: string | null;
  createdAt: Date;
  attemptLog: { number: number; startedAt: Date; durationMs: number; statusCode: number | null; error: string | null; ok: boolean }[];
};

export function toDeliveryDto(d: DeliveryRow): TWebhookDelivery {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    eventSeq: d.eventSeq,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    // only a pending delivery has a next attempt
    nextAttemptAt: d.status === "PENDING" ? d.nextAttemptAt.toISOString() : null,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    replayOfId: d.replayOfId,
    createdAt: d.createdAt.toISOString(),
    attemptLog: d.attemptLog.map((a) => ({ ...a, startedAt: a.startedAt.toISOString() })),
  };
}
