import "server-only";
import { db } from "@/server/db";
import { env } from "@/server/env";
import type { ObeyaEvent } from "@/lib/events";

export type CatchUp =
  | { kind: "events"; events: ObeyaEvent[]; lastSeq: number }
  | { kind: "reload"; lastSeq: number; reason: string };

/** What a reconnecting client missed since `afterSeq`, or "reload" when it is too far behind. */
export async function listEventsAfter(serviceId: string, afterSeq: number, limit = env.REPLAY_LIMIT): Promise<CatchUp> {
  const service = await db.service.findUnique({ where: { id: serviceId }, select: { lastSeq: true } });
  if (!service) return { kind: "reload", lastSeq: 0, reason: "service not found" };
  const missed = service.lastSeq - afterSeq;
  if (afterSeq < 0 || missed < 0) return { kind: "reload", lastSeq: service.lastSeq, reason: "unknown sequence" };
  if (missed > limit) return { kind: "reload", lastSeq: service.lastSeq, reason: `${missed} events behind` };
  if (missed === 0) return { kind: "events", events: [], lastSeq: service.lastSeq };
  const rows = await db.event.findMany({
    where: { serviceId, seq: { gt: afterSeq, lte: service.lastSeq } },
    orderBy: { seq: "asc" },
    select: { serviceId: true, seq: true, type: true, actorId: true, payload: true, createdAt: true },
  });
  const events = rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }) as ObeyaEvent);
  return { kind: "events", events, lastSeq: service.lastSeq };
}
