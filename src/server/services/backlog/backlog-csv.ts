import "server-only";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { ITEM_KINDS, type ItemKind } from "@/lib/schemas/item";
import type { TImportRowError } from "@/lib/schemas/backlog";

// The columns of the export, in order. The import reads the same file back: `position`, `id`
// and `rank` are the export's own and ignored (imported items join the bottom of the backlog).
export const EXPORT_COLUMNS = [
  "position",
  "id",
  "title",
  "kind",
  "stage",
  "labels",
  "businessValue",
  "costEstimate",
  "team",
  "description",
  "rank",
] as const;
const IMPORT_COLUMNS = new Set<string>(EXPORT_COLUMNS);
const IGNORED_ON_IMPORT = new Set(["position", "id", "rank"]);
export const MAX_IMPORT_ROWS = 2000;
// Labels inside one cell: "checkout; mobile".
const LABEL_SEPARATOR = ";";

function quote(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(rows: ReadonlyArray<Record<(typeof EXPORT_COLUMNS)[number], string | number | null>>): string {
  const lines = [EXPORT_COLUMNS.join(",")];
  for (const row of rows) lines.push(EXPORT_COLUMNS.map((c) => quote(row[c] === null ? "" : String(row[c]))).join(","));
  return lines.join("\r\n") + "\r\n";
}

export function joinLabels(labels: readonly string[]): string {
  return labels.join(`${LABEL_SEPARATOR} `);
}

const optionalNumber = (label: string, parse: (s: string) => number, check: z.ZodNumber) =>
  z.string().transform((s, ctx) => {
    const t = s.trim();
    if (t === "") return null;
    const n = parse(t);
    const ok = check.safeParse(n);
    if (!ok.success) {
      ctx.addIssue({ code: "custom", message: `${label} "${t}" is not ${check.description}` });
      return z.NEVER;
    }
    return n;
  });

const ZCsvRow = z.object({
  title: z
    .string()
    .trim()
    .min(1, "title is empty")
    .max(200, "title is longer than 200 characters"),
  kind: z
    .string()
    .trim()
    .transform((s) => (s === "" ? "FEATURE" : s.toUpperCase()))
    .pipe(z.enum(ITEM_KINDS, { error: () => `kind must be one of ${ITEM_KINDS.join(", ")}` })),
  stage: z.string().trim(),
  labels: z.string().transform((s, ctx) => {
    const labels = s.split(LABEL_SEPARATOR).map((l) => l.trim()).filter(Boolean);
    if (labels.length > 20) ctx.addIssue({ code: "custom", message: "more than 20 labels" });
    const long = labels.find((l) => l.length > 40);
    if (long) ctx.addIssue({ code: "custom", message: `label "${long.slice(0, 20)}…" is longer than 40 characters` });
    return labels;
  }),
  businessValue: optionalNumber("businessValue", Number, z.number().int().min(0).max(1_000_000).describe("a whole number from 0 to 1,000,000")),
  costEstimate: optionalNumber("costEstimate", Number, z.number().min(0).max(1e12).describe("a number from 0 up")),
  team: z.string().trim(),
  description: z.string().max(10_000, "description is longer than 10,000 characters"),
});

export type CsvItem = {
  line: number;
  title: string;
  kind: ItemKind;
  stage: string;
  labels: string[];
  businessValue: number | null;
  costEstimate: number | null;
  team: string;
  description: string;
};

export type ParsedCsv = { rows: CsvItem[]; errors: TImportRowError[]; dataRows: number };

/**
 * Reads an import file and checks every row on its own (stage and team names are checked by
 * the caller, which knows the service). Each problem names the line the row starts on: line 1
 * is the header, a quoted value may span lines.
 */
export function parseBacklogCsv(text: string): ParsedCsv {
  const records: Array<{ line: number; values: string[] } | { line: number; error: string }> = [];
  let lastEnd = 0;
  parse(text, {
    bom: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_record: (values: string[], ctx) => {
      records.push({ line: lastEnd + 1, values });
      lastEnd = ctx.lines;
      return values;
    },
    on_skip: (err) => {
      records.push({ line: lastEnd + 1, error: err?.message ?? "the row cannot be read" });
      lastEnd = typeof err?.lines === "number" ? err.lines : lastEnd + 1;
      return undefined;
    },
  });

  const errors: TImportRowError[] = [];
  const header = records.shift();
  if (!header || !("values" in header)) {
    return { rows: [], dataRows: 0, errors: [{ line: 1, problems: [header && "error" in header ? header.error : "the file is empty: the first line must name the columns"] }] };
  }
  const columns = header.values.map((c) => c.trim());
  const headerProblems: string[] = [];
  const unknown = columns.filter((c) => !IMPORT_COLUMNS.has(c));
  if (unknown.length) headerProblems.push(`unknown column(s): ${unknown.join(", ")} (known: ${EXPORT_COLUMNS.join(", ")})`);
  if (!columns.includes("title")) headerProblems.push("the title column is missing");
  const dup = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (dup.length) headerProblems.push(`column(s) named twice: ${[...new Set(dup)].join(", ")}`);
  if (headerProblems.length) return { rows: [], dataRows: 0, errors: [{ line: header.line, problems: headerProblems }] };

  const rows: CsvItem[] = [];
  let dataRows = 0;
  for (const rec of records) {
    if ("values" in rec && rec.values.length === 1 && rec.values[0]!.trim() === "") continue; // blank line
    dataRows += 1;
    if (dataRows > MAX_IMPORT_ROWS) {
      errors.push({ line: rec.line, problems: [`more than ${MAX_IMPORT_ROWS} rows: split the file`] });
      break;
    }
    if ("error" in rec) {
      errors.push({ line: rec.line, problems: [rec.error] });
      continue;
    }
    if (rec.values.length !== columns.length) {
      errors.push({ line: rec.line, problems: [`has ${rec.values.length} values, the header names ${columns.length} columns`] });
      continue;
    }
    const raw: Record<string, string> = { title: "", kind: "", stage: "", labels: "", businessValue: "", costEstimate: "", team: "", description: "" };
    columns.forEach((c, i) => {
      if (!IGNORED_ON_IMPORT.has(c)) raw[c] = rec.values[i]!;
    });
    const parsed = ZCsvRow.safeParse(raw);
    if (!parsed.success) {
      errors.push({ line: rec.line, problems: parsed.error.issues.map((i) => i.message) });
      continue;
    }
    rows.push({ line: rec.line, ...parsed.data });
  }
  if (dataRows === 0 && errors.length === 0) errors.push({ line: 2, problems: ["no rows to import"] });
  return { rows, errors, dataRows };
}
