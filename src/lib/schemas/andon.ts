import { z } from "zod";
import { ZId } from "./common";
import { ZReason } from "./item";

export const ZPullAndonRequest = z
  .object({
    stageId: ZId.optional().describe("Pull on a stage (omit when pulling on an item)"),
    itemId: ZId.optional().describe("Pull on an item: its current stage stops"),
    reason: ZReason,
  })
  .refine((v) => Boolean(v.stageId) !== Boolean(v.itemId), { message: "Name either a stage or an item", path: ["stageId"] })
  .meta({ id: "PullAndonRequest" });
export type TPullAndonRequest = z.input<typeof ZPullAndonRequest>;

export const ZReleaseAndonRequest = z
  .object({ countermeasure: z.string().trim().min(1).max(2_000).describe("What was done so the line can run again") })
  .meta({ id: "ReleaseAndonRequest" });
export type TReleaseAndonRequest = z.input<typeof ZReleaseAndonRequest>;

export const ZAndon = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    stageId: z.string(),
    itemId: z.string().nullable(),
    reason: z.string(),
    pulledById: z.string().nullable(),
    pulledAt: z.string().describe("ISO 8601, UTC"),
    problemId: z.string().nullable().describe("The Kaizen problem opened when it was pulled"),
    releasedAt: z.string().nullable(),
    releasedById: z.string().nullable(),
    countermeasure: z.string().nullable(),
  })
  .meta({ id: "Andon" });
export type TAndon = z.infer<typeof ZAndon>;

export const ZAndonList = z.object({ andons: z.array(ZAndon).describe("Open andons, oldest first") }).meta({ id: "AndonList" });
