import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** Parses a command with its zod schema; a bad one is a 400 naming every field that is wrong. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new AppError(
      "VALIDATION_FAILED",
      issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "),
      { issues },
    );
  }
  return parsed.data;
}
