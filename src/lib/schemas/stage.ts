import { z } from "zod";
import { ZId, ZVersion } from "./common";
import { ZStage } from "./service";

// Stage configuration (service.configure): stages and their done-criteria are data.

const ZStageName = z.string().trim().min(1).max(80);
const ZCriterionText = z.string().trim().min(1).max(200);

export const ZAddStageRequest = z
  .object({
    name: ZStageName,
    // Omitted: derived from the name. Stable across renames.
    key: z.string().min(1).max(48).regex(/^[a-z0-9-]+$/).optional(),
    afterStageId: ZId.nullable().default(null).describe("Insert after this stage; null puts it first"),
    wipLimit: z.number().int().min(1).max(10_000).nullable().default(null),
    ageThresholdHours: z.number().int().min(1).max(24 * 365).nullable().default(null),
    doneCriteria: z.array(ZCriterionText).max(20).default([]),
  })
  .meta({ id: "AddStageRequest" });
export type TAddStageRequest = z.input<typeof ZAddStageRequest>;

export const ZUpdateStageRequest = z
  .object({
    expectedVersion: ZVersion.describe("The stage's version you saw"),
    name: ZStageName.optional(),
    wipLimit: z.number().int().min(1).max(10_000).nullable().optional().describe("null: no limit"),
    ageThresholdHours: z.number().int().min(1).max(24 * 365).nullable().optional().describe("null: no threshold"),
    retired: z.boolean().optional().describe("A stage can be retired only when no item is in it"),
    criteria: z
      .object({
        add: z.array(ZCriterionText).max(20).default([]),
        rename: z.array(z.object({ id: ZId, text: ZCriterionText })).max(20).default([]),
        retire: z.array(ZId).max(20).default([]),
      })
      .optional()
      .describe("Done-criteria (JKK) changes, applied in the order add, rename, retire"),
  })
  .meta({ id: "UpdateStageRequest" });
export type TUpdateStageRequest = z.input<typeof ZUpdateStageRequest>;

export const ZReorderStagesRequest = z
  .object({ stageIds: z.array(ZId).min(1).max(100).describe("Every stage of the service, left to right") })
  .meta({ id: "ReorderStagesRequest" });
export type TReorderStagesRequest = z.input<typeof ZReorderStagesRequest>;

/** A stage with its configuration version, as the configuration commands answer it. */
export const ZConfiguredStage = ZStage.extend({ version: z.number().int() }).meta({ id: "ConfiguredStage" });
export type TConfiguredStage = z.infer<typeof ZConfiguredStage>;

export const ZStageList = z.object({ stages: z.array(ZConfiguredStage).describe("Left to right, retired last") }).meta({
  id: "StageList",
});
