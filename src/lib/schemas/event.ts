import { z } from "zod";

// The payload differs by type (src/lib/events.ts); the HTTP contract promises its envelope.
export const ZEvent = z
  .object({
    serviceId: z.string(),
    seq: z.number().int().min(1),
    type: z.string().describe("e.g. service.created, item.created, item.moved"),
    actorId: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()),
    createdAt: z.string().describe("ISO 8601, UTC"),
  })
  .meta({ id: "Event" });

export const ZCatchUp = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("events"), events: z.array(ZEvent).describe("In sequence order"), lastSeq: z.number().int() }),
    z.object({
      kind: z.literal("reload"),
      lastSeq: z.number().int(),
      reason: z.string().describe("Too far behind, or an unknown sequence: load a fresh wall snapshot"),
    }),
  ])
  .meta({ id: "CatchUp" });

export const ZEventsQuery = z.object({
  after: z.coerce.number().int().min(0).describe("The last sequence number the client applied"),
});
