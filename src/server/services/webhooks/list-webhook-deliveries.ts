import "server-only";
import type { Actor } from "@/domain/permissions";
import { db } from "@/server/db";
import { subscriptionForActor } from "./webhook-access";
import { DELIVERY_SELECT, toDeliveryDto } from "./webhook-dto";

export type DeliveriesQuery = { status?: "PENDING" | "DELIVERED" | "FAILED"; cursor?: string; limit?: number };

/** A webhook's delivery log, newest first, each delivery with its attempts; cursor pagination. */
export async function listWebhookDeliveries(actor: Actor, subscriptionId: string, query: DeliveriesQuery = {}) {
  const sub = await subscriptionForActor(actor, subscriptionId);
  const limit = query.limit ?? 50;
  const rows = await db.webhookDelivery.findMany({
    where: { subscriptionId: sub.id, ...(query.status ? { status: query.status } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    select: DELIVERY_SELECT,
  });
  const page = rows.slice(0, limit);
  return { deliveries: page.map(toDeliveryDto), nextCursor: rows.length > limit ? page.at(-1)!.id : null };
}
