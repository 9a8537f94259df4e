import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { humanErrorMap, summarise, toFieldIssues } from "@/lib/validation/human-issues";

/**
 * Parses a command with its zod schema; a bad one is a 400 whose message a person can read
 * ("Title is required. Evidence line 2 is not a link.") and whose `details.issues` name each
 * field by path and zod code for machines and for forms that show the sentence by the field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input, { error: humanErrorMap });
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error);
    throw new AppError("VALIDATION_FAILED", summarise(issues), { issues });
  }
  return parsed.data;
}
