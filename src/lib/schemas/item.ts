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

export const ZReason = z.string().trim().min(1).max(500);

export const ZMoveItemRequest = z
  .object({
    toStageId: ZId,
    // The version the mover saw; a stale one is refused with 409 and the current item.
    expectedVersion: ZVersion,
    expedite: z
      .object({ reason: ZReason })
      .nullish()
      .describe("Move past the target stage's WIP limit; shown as a problem until the stage is back within it"),
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

// ---------------------------------------------------------------- flow commands (issue 4)

export const ZRejectItemRequest = z
  .object({
    toStageId: ZId.describe("An upstream stage of the item's service"),
    expectedVersion: ZVersion,
    reason: ZReason.describe("The defect found: what the upstream stage must fix"),
  })
  .meta({ id: "RejectItemRequest" });
export type TRejectItemRequest = z.input<typeof ZRejectItemRequest>;

export const ZSetItemCriterionRequest = z
  .object({ done: z.boolean() })
  .meta({ id: "SetItemCriterionRequest" });
export type TSetItemCriterionRequest = z.input<typeof ZSetItemCriterionRequest>;

export const ZSetItemBlockedRequest = z
  .object({ expectedVersion: ZVersion, reason: ZReason.nullable().describe("null unblocks the item") })
  .meta({ id: "SetItemBlockedRequest" });
export type TSetItemBlockedRequest = z.input<typeof ZSetItemBlockedRequest>;

export const ZCommentOnItemRequest = z
  .object({ body: z.string().trim().min(1).max(5_000) })
  .meta({ id: "CommentOnItemRequest" });
export type TCommentOnItemRequest = z.input<typeof ZCommentOnItemRequest>;

export const ZUpdateItemRequest = z
  .object({
    expectedVersion: ZVersion,
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(10_000).optional(),
    kind: ZItemKind.optional(),
    labels: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    businessValue: z.number().int().min(0).max(1_000_000).nullable().optional(),
    costEstimate: z.number().min(0).max(1e12).nullable().optional(),
  })
  .meta({ id: "UpdateItemRequest" });
export type TUpdateItemRequest = z.input<typeof ZUpdateItemRequest>;

/** A card as the wall shows it: the item plus what the rules of flow need at a glance. */
export const ZWallItem = ZWorkItem.extend({
  expedite: z.object({ reason: z.string() }).nullable().describe("Moved past a WIP limit into its current stage"),
  rejectionCount: z.number().int().describe("Times the item was sent back upstream, over its life"),
  sentBack: z
    .object({ reason: z.string(), fromStageId: z.string() })
    .nullable()
    .describe("The item entered its current stage by a rejection: the defect to fix"),
  doneCriterionIds: z.array(z.string()).describe("The met done-criteria of its current stage"),
  andon: z
    .object({ id: z.string(), reason: z.string(), pulledAt: z.string() })
    .nullable()
    .describe("An open andon pulled on this item"),
}).meta({ id: "WallItem" });
export type TWallItem = z.infer<typeof ZWallItem>;

export const ZComment = z
  .object({
    id: z.string(),
    itemId: z.string(),
    authorId: z.string().nullable(),
    body: z.string(),
    createdAt: z.string().describe("ISO 8601, UTC"),
  })
  .meta({ id: "Comment" });
export type TComment = z.infer<typeof ZComment>;

export const ZItemHistoryEntry = z
  .object({
    seq: z.number().int(),
    type: z.string().describe("item.created, item.moved, item.rejected, item.criteria.checked, andon.pulled, ..."),
    actor: z.object({ id: z.string(), name: z.string() }).nullable(),
    payload: z.record(z.string(), z.unknown()),
    createdAt: z.string().describe("ISO 8601, UTC"),
  })
  .meta({ id: "ItemHistoryEntry" });

export const ZItemHistory = z
  .object({
    itemId: z.string(),
    entries: z.array(ZItemHistoryEntry).describe("Oldest first"),
    comments: z.array(ZComment).describe("Oldest first"),
  })
  .meta({ id: "ItemHistory" });
export type TItemHistory = z.infer<typeof ZItemHistory>;
