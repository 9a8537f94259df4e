import { z } from "zod";
import { ZWorkItem } from "./item";
import { ZStage } from "./service";

export const ZWallSnapshot = z
  .object({
    service: z.object({
      id: z.string(),
      key: z.string(),
      name: z.string(),
      description: z.string(),
      teamId: z.string(),
      status: z.string(),
    }),
    stages: z.array(ZStage).describe("Left to right"),
    items: z.array(ZWorkItem).describe("By rank"),
    seq: z.number().int().describe("The service's last event sequence number: apply live events after it"),
  })
  .meta({ id: "WallSnapshot" });
export type TWallSnapshot = z.infer<typeof ZWallSnapshot>;
