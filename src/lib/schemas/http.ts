import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { ZWorkItem } from "./item";

export const ZErrorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string().describe("Safe to show to the user"),
      details: z.unknown().optional().describe("e.g. the invalid fields, or the current state on a conflict"),
    }),
  })
  .meta({ id: "Error" });

export const ZVersionConflictError = z
  .object({
    error: z.object({
      code: z.literal("VERSION_CONFLICT"),
      message: z.string(),
      details: z.object({ current: ZWorkItem.nullable().describe("The item as it is now: retry from its version") }),
    }),
  })
  .meta({ id: "VersionConflictError" });

export const ZHealth = z
  .object({
    status: z.enum(["ok", "failing"]),
    uptimeSeconds: z.number().int().min(0),
    database: z
      .enum(["ok", "unreachable", "recovering", "wedged", "not-checked"])
      .describe(
        "ok; unreachable (the database is away: restarting this process would not help, so liveness still passes); recovering (the pool fails while a fresh connection works, for less than the grace period); wedged (the same for longer: restart this process); not-checked (SQLite)",
      ),
  })
  .meta({ id: "Health" });
export type THealth = z.infer<typeof ZHealth>;

export const ZMigrationState = z
  .object({
    expected: z.number().int().describe("Migration folders shipped with this build"),
    applied: z.number().int().describe("Of those, applied to the database"),
    missing: z.array(z.string()).describe("Shipped but not applied: run `npx prisma migrate deploy`"),
    failed: z.array(z.string()).describe("Started but never finished"),
    unknown: z.array(z.string()).describe("Applied but not shipped with this build (a newer build migrated)"),
  })
  .meta({ id: "MigrationState" });

export const ZReadiness = z
  .object({
    status: z.enum(["ready", "unavailable"]),
    provider: z.enum(["sqlite", "postgresql"]),
    database: z.enum(["reachable", "unreachable"]),
    migrations: ZMigrationState.nullable().describe("Null when the database could not be read"),
  })
  .meta({ id: "Readiness" });
export type TReadiness = z.infer<typeof ZReadiness>;

export const ZRuleViolationError = z
  .object({
    error: z.object({
      code: z.literal("RULE_VIOLATION"),
      message: z.string().describe("Safe to show: what the rule refused and why"),
      details: z
        .object({
          rule: z
            .string()
            .describe(
              "JKK_INCOMPLETE, WIP_LIMIT, LINE_STOPPED, REJECT_REASON_REQUIRED, NOT_UPSTREAM, STAGE_NOT_FOUND, STAGE_RETIRED, SAME_STAGE, or a move guard's rule",
            ),
          missing: z
            .array(z.object({ id: z.string(), text: z.string() }))
            .optional()
            .describe("JKK_INCOMPLETE: the unmet done-criteria of the stage the item is leaving"),
          limit: z.number().int().optional().describe("WIP_LIMIT: the stage's limit"),
          count: z.number().int().optional().describe("WIP_LIMIT: the items in the stage now"),
        })
        .catchall(z.unknown()),
    }),
  })
  .meta({ id: "RuleViolationError" });
