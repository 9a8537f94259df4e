import { z } from "zod";

export const ZId = z.string().min(1).max(64);
export const ZServiceKey = z
  .string()
  .min(2)
  .max(48)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes only");
export const ZVersion = z.number().int().min(1);
