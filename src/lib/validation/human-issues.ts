// One translation of zod's issues into sentences a person understands, used by the API (its
// 400 answers, see src/server/services/parse-input.ts) and by forms that check before sending.
// The machine-readable part stays: every issue keeps its dotted `path` and zod's `code`.
import type { z } from "zod";
import { fieldLabel } from "./field-labels";

export type FieldIssue = {
  /** The field's dotted path as sent: "evidence.1" (list entries counted from 0, as in JSON). */
  path: string;
  /** zod's issue code: too_small, too_big, invalid_format, invalid_type, invalid_value, custom, ... */
  code: string;
  /** The sentence to show next to the field: "Evidence line 2 is not a link". */
  message: string;
};

// The raw issue zod hands an error map (its fields vary by code, so read them loosely).
type RawIssue = {
  code?: string;
  path?: PropertyKey[];
  input?: unknown;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  format?: string;
  expected?: string;
  values?: unknown[];
  keys?: string[];
  divisor?: number;
};

const plural = (n: number | bigint, one: string, many: string) => `${n} ${Number(n) === 1 ? one : many}`;

const FORMAT: Record<string, string> = {
  url: "is not a link",
  email: "is not an email address",
  uuid: "is not a valid id",
  cuid: "is not a valid id",
  datetime: "is not a date and time",
  date: "is not a date",
  starts_with: "does not start as it should",
  ends_with: "does not end as it should",
  includes: "does not contain what it should",
  regex: "contains characters that are not allowed",
  lowercase: "must be in lowercase",
  uppercase: "must be in uppercase",
};

const TYPE: Record<string, string> = {
  string: "must be text",
  number: "must be a number",
  int: "must be a whole number",
  boolean: "must be yes or no",
  array: "must be a list",
  object: "must be a set of fields",
  date: "must be a date",
};

function tooSmall(label: string, i: RawIssue): string {
  const min = i.minimum ?? 0;
  switch (i.origin) {
    case "string":
      return Number(min) <= 1 ? `${label} is required` : `${label} must be at least ${plural(min, "character", "characters")} long`;
    case "array":
    case "set":
      return Number(min) <= 1 ? `${label} needs at least one entry` : `${label} needs at least ${plural(min, "entry", "entries")}`;
    default:
      return i.inclusive === false ? `${label} must be more than ${min}` : `${label} must be at least ${min}`;
  }
}

function tooBig(label: string, i: RawIssue): string {
  const max = i.maximum ?? 0;
  switch (i.origin) {
    case "string":
      return `${label} must be at most ${plural(max, "character", "characters")} long`;
    case "array":
    case "set":
      return `${label} can have at most ${plural(max, "entry", "entries")}`;
    default:
      return i.inclusive === false ? `${label} must be less than ${max}` : `${label} must be at most ${max}`;
  }
}

/** The sentence for one issue; the field's words come from its path. */
export function humanMessage(issue: RawIssue): string {
  const path = issue.path ?? [];
  const label = fieldLabel(path);
  switch (issue.code) {
    case "too_small":
      return tooSmall(label, issue);
    case "too_big":
      return tooBig(label, issue);
    case "invalid_format":
      return `${label} ${FORMAT[issue.format ?? ""] ?? "is not in the expected format"}`;
    case "invalid_type":
      if (issue.input === undefined && "input" in issue) return `${label} is required`;
      if (path.length === 0 && issue.expected === "object") return "The request must be a JSON object";
      return `${label} ${TYPE[issue.expected ?? ""] ?? `must be ${issue.expected ?? "something else"}`}`;
    case "invalid_value":
      return issue.values && issue.values.length > 0
        ? `${label} must be one of: ${issue.values.map(String).join(", ")}`
        : `${label} has a value that is not allowed`;
    case "not_multiple_of":
      return `${label} must be a multiple of ${issue.divisor}`;
    case "unrecognized_keys":
      return `${label} has fields we do not know: ${(issue.keys ?? []).join(", ")}`;
    case "invalid_union":
      return `${label} is not valid`;
    default:
      return `${label} is not valid`;
  }
}

/**
 * A zod error map: pass it to `safeParse(input, { error: humanErrorMap })`. zod consults it only
 * for issues whose schema set no message of its own, so a refine's sentence stays as written.
 */
export const humanErrorMap = (issue: unknown): string => humanMessage(issue as RawIssue);

/** The issues of a failed parse (made with `humanErrorMap`) as plain field issues. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), code: i.code, message: i.message }));
}

/** Parses with `schema` and the human messages: a form checks this way before it sends. */
export function parseForForm<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.output<S> } | { ok: false; issues: FieldIssue[] } {
  const parsed = schema.safeParse(input, { error: humanErrorMap });
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, issues: toFieldIssues(parsed.error) };
}

/** The first sentence per field, keyed by dotted path: what a form puts next to each field. */
export function messagesByField(issues: ReadonlyArray<Pick<FieldIssue, "path" | "message">>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path] ??= i.message;
  return out;
}

/** All sentences as one: "Title is required. Evidence line 2 is not a link." */
export function summarise(issues: ReadonlyArray<Pick<FieldIssue, "message">>): string {
  return issues.map((i) => (/[.!?]$/.test(i.message) ? i.message : `${i.message}.`)).join(" ");
}
