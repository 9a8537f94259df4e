import "server-only";
import { db, type Tx } from "@/server/db";
import type { EventPayloads, EventType, ObeyaEvent } from "@/lib/events";
import { publishCommitted } from "@/server/realtime/bus";
import { retiredMessage } from "@/domain/end-of-life";
import { AppError } from "@/lib/errors";
import { withTransactionScope } from "./after-transaction";

type PendingEvent = { serviceId: string; type: EventType; payload: unknown };

export type EmitFn = <T extends EventType>(serviceId: string, type: T, payload: EventPayloads[T]) => void;

/**
 * The one write path: runs `work` in a transaction, appends the events it emitted with gapless
 * per-service sequence numbers in the same transaction, and publishes them only after commit.
 */
export async function runCommand<R>(
  actorId: string | null,
  work: (tx: Tx, emit: EmitFn) => Promise<R>,
): Promise<{ result: R; events: ObeyaEvent[] }> {
  const { result, events } = await withTransactionScope(() =>
    db.$transaction(
    async (tx) => {
      const pending: PendingEvent[] = [];
      const emit: EmitFn = (serviceId, type, payload) => pending.push({ serviceId, type, payload });
      const result = await work(tx, emit);
      const events = await appendEvents(tx, actorId, pending);
      return { result, events };
    },
    { timeout: 15_000, maxWait: 30_000 },
    ),
  );
  publishCommitted(events);
  return { result, events };
}

function isRetirement(e: PendingEvent): boolean {
  return e.type === "service.endOfLife.decided" && (e.payload as EventPayloads["service.endOfLife.decided"]).to === "RETIRED";
}

async function appendEvents(tx: Tx, actorId: string | null, pending: PendingEvent[]): Promise<ObeyaEvent[]> {
  const byService = new Map<string, PendingEvent[]>();
  for (const e of pending) byService.set(e.serviceId, [...(byService.get(e.serviceId) ?? []), e]);
  const out: ObeyaEvent[] = [];
  const createdAt = new Date();
  for (const [serviceId, list] of byService) {
    // The increment takes the service row's write lock: concurrent commands on one service
    // queue here, so sequence numbers are allocated without gaps or duplicates.
    const { lastSeq, status, name } = await tx.service.update({
      where: { id: serviceId },
      data: { lastSeq: { increment: list.length } },
      select: { lastSeq: true, status: true, name: true },
    });
    // A retired service is read-only everywhere: every write to it emits an event, so every
    // door (pages, API, sockets, seed) is refused here, and the transaction rolls the write
    // back. The one command allowed is the decision that retires it.
    if (status === "RETIRED" && !list.every(isRetirement)) {
      throw new AppError("RULE_VIOLATION", retiredMessage(name), { rule: "SERVICE_RETIRED" });
    }
    const first = lastSeq - list.length + 1;
    const rows = list.map((e, i) => ({
      serviceId,
      seq: first + i,
      actorId,
      type: e.type,
      payload: e.payload as object,
      createdAt,
    }));
    await tx.event.createMany({ data: rows });
    for (const r of rows) {
      out.push({ ...r, createdAt: createdAt.toISOString() } as ObeyaEvent);
    }
  }
  return out;
}
