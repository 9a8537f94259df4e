import { z } from "zod";
import { SERVICE_STATUSES } from "@/domain/end-of-life";
import { ZId, ZServiceKey } from "./common";

export const ZStageInput = z.object({
  key: z.string().min(1).max(48).regex(/^[a-z0-9-]+$/),
  name: z.string().trim().min(1).max(80),
  wipLimit: z.number().int().min(1).max(10_000).nullable().default(null),
  ageThresholdHours: z.number().int().min(1).max(24 * 365).nullable().default(null),
  doneCriteria: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
});

export const ZCreateServiceRequest = z
  .object({
    teamId: ZId,
    key: ZServiceKey,
    name: z.string().trim().min(1).max(120),
    description: z.string().max(2000).default(""),
    // Omitted: the eleven stages of the value stream (DOMAIN.md).
    stages: z.array(ZStageInput).min(1).max(30).optional(),
  })
  .meta({ id: "CreateServiceRequest" });
export type TCreateServiceRequest = z.input<typeof ZCreateServiceRequest>;

export const ZStage = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    position: z.number().int(),
    wipLimit: z.number().int().nullable(),
    ageThresholdHours: z.number().int().nullable(),
    retired: z.boolean(),
    doneCriteria: z.array(z.object({ id: z.string(), text: z.string() })),
  })
  .meta({ id: "Stage" });

export const ZService = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    description: z.string(),
    teamId: z.string(),
    status: z.enum(SERVICE_STATUSES).describe("Active → Retiring (end of life decided) → Retired (read-only)"),
    lastSeq: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: "Service" });

export const ZCreatedService = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    stageIds: z.array(z.string()).describe("The new stages, left to right"),
  })
  .meta({ id: "CreatedService" });

export const ZServiceSummary = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    description: z.string(),
    status: z.enum(SERVICE_STATUSES).describe("Active → Retiring (end of life decided) → Retired (read-only)"),
    team: z.object({ id: z.string(), name: z.string() }),
    itemCount: z.number().int(),
  })
  .meta({ id: "ServiceSummary" });

export const ZServiceList = z.object({ services: z.array(ZServiceSummary) }).meta({ id: "ServiceList" });
