import { z } from "zod";
import { ZId, ZVersion } from "./common";

export const ITEM_KINDS = ["FEATURE", "RFC", "MAINTENANCE", "DEFECT", "IMPROVEMENT"] as const;
export const ZItemKind = z.enum(ITEM_KINDS);
export type ItemKind = z.infer<typeof ZItemKind>;

export const ZCreateItemRequest = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().max(10_000).default(""),
    kind: ZItemKind.default("FEATURE"),
    // Omitted: the service's first stage.
    stageId: ZId.optional(),
    labels: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    businessValue: z.number().int().min(0).max(1_000_000).nullable().default(null),
    costEstimate: z.number().min(0).max(1e12).nullable().default(null),
  })
  .meta({ id: "CreateItemRequest" });
export type TCreateItemRequest = z.input<typeof ZCreateItemRequest>;

export const ZMoveItemRequest = z
  .object({
    toStageId: ZId,
    // The version the mover saw; a stale one is refused with 409 and the current item.
    expectedVersion: ZVersion,
  })
  .meta({ id: "MoveItemRequest" });
export type TMoveItemRequest = z.input<typeof ZMoveItemRequest>;

export const ZWorkItem = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    stageId: z.string(),
    kind: ZItemKind,
    title: z.string(),
    description: z.string(),
    rank: z.string(),
    labels: z.array(z.string()),
    blockedReason: z.string().nullable(),
    businessValue: z.number().int().nullable(),
    costEstimate: z.number().nullable(),
    version: z.number().int(),
    enteredStageAt: z.string().describe("ISO 8601, UTC"),
    createdAt: z.string().describe("ISO 8601, UTC"),
  })
  .meta({ id: "WorkItem" });
export type TWorkItem = z.infer<typeof ZWorkItem>;
