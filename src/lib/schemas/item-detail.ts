import { z } from "zod";
import { ACTIONS } from "@/domain/permissions";
import { ZWallItem } from "./item";
import { ZStory } from "./story";

// A card's detail (GET /api/v1/items/{itemId}): the item with everything the drawer shows
// beside it, read in one transaction. History stays on GET …/history (it grows without bound).

const ZIsoTime = z.string().describe("ISO 8601, UTC");
const ZPerson = z.object({ id: z.string(), name: z.string() });

export const ZItemDetailCriterion = z.object({
  id: z.string(),
  text: z.string(),
  done: z.boolean(),
  doneBy: ZPerson.nullable(),
  doneAt: ZIsoTime.nullable(),
});

export const ZItemDetailStage = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  position: z.number().int(),
  retired: z.boolean(),
});

export const ZItemDetailRfc = z.object({
  id: z.string(),
  kind: z.enum(["RFC", "MAINTENANCE"]),
  title: z.string(),
  status: z.enum(["PENDING", "APPROVED", "REJECTED"]),
  raisedBy: ZPerson.nullable(),
  createdAt: ZIsoTime,
  decidedAt: ZIsoTime.nullable(),
  approvals: z.array(
    z.object({
      role: z.string().describe("The key turned: SERVICE_MASTER or RELIABILITY_ENGINEER"),
      decision: z.enum(["APPROVE", "REJECT"]),
      by: ZPerson,
      reason: z.string().nullable(),
      createdAt: ZIsoTime,
    }),
  ),
});

export const ZItemDetailRelease = z.object({
  id: z.string(),
  name: z.string(),
  targetDate: ZIsoTime.nullable(),
  pipelineStatus: z.enum(["NOT_STARTED", "RUNNING", "PASSED", "FAILED"]),
  latestDecision: z
    .object({ id: z.string(), outcome: z.enum(["GO", "NO_GO"]), comment: z.string(), decidedBy: ZPerson, decidedAt: ZIsoTime })
    .nullable()
    .describe("The standing go/no-go decision; null before the first"),
});

export const ZItemDetail = z
  .object({
    item: ZWallItem,
    service: z.object({ id: z.string(), key: z.string(), name: z.string() }),
    stage: ZItemDetailStage.describe("The stage the item is in"),
    stages: z.array(ZItemDetailStage).describe("The service's stages left to right, retired included (names for the history)"),
    criteria: z.array(ZItemDetailCriterion).describe("The current stage's open done-criteria (JKK) and whether this item meets each"),
    stories: z.array(ZStory).describe("Oldest first"),
    storyCounts: z.object({
      user: z.number().int(),
      test: z.number().int(),
      operations: z.number().int(),
      failingTests: z.number().int(),
    }),
    rfc: ZItemDetailRfc.nullable().describe("The request for change the item was created from"),
    release: ZItemDetailRelease.nullable().describe("The release carrying the item"),
    permissions: z.array(z.enum(ACTIONS)).describe("What the caller may do on this item's service (the matrix); the API checks again"),
    seq: z.number().int().describe("The service's last event when read"),
  })
  .meta({ id: "ItemDetail" });
export type TItemDetail = z.infer<typeof ZItemDetail>;
