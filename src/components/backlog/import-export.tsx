"use client";

import { useState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { useSubmit } from "@/components/ui/use-submit";
import type { ErrorBody } from "@/lib/errors";
import type { TImportReport, TImportRowError } from "@/lib/schemas/backlog";

// One key per checked file: every send of that import (a double-click, a retry) carries it, so
// the server imports it once. getRandomValues, because randomUUID needs a secure context and an
// office may serve the wall over plain http.
function newAttemptKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

type Props = { serviceId: string; canImport: boolean };

/** Export links, and a CSV import that always checks first (dry run) and imports only a clean file. */
export function ImportExport({ serviceId, canImport }: Props) {
  const base = `/api/v1/services/${encodeURIComponent(serviceId)}`;
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState("");
  const [report, setReport] = useState<TImportReport | null>(null);
  const [errors, setErrors] = useState<TImportRowError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [attemptKey, setAttemptKey] = useState<string | null>(null);
  const { busy, run: submit } = useSubmit();

  const [importing, setImporting] = useState(false);
  const run = (dryRun: boolean) =>
    submit(async () => {
      setImporting(!dryRun);
      await send(dryRun);
    });
  const send = async (dryRun: boolean) => {
    if (csv === null) return;
    const key = dryRun ? null : attemptKey;
    let res: Response;
    try {
      res = await fetch(`${base}/import`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
        body: JSON.stringify({ csv, dryRun }),
      });
    } catch {
      setMessage("The server could not be reached. Nothing is lost: try again.");
      return;
    }
    const body = (await res.json().catch(() => null)) as TImportReport | ErrorBody | null;
    if (res.ok && body && "valid" in body) {
      setReport(body);
      setErrors(body.errors);
      setMessage(
        body.dryRun
          ? body.valid
            ? `All ${body.rows} rows are valid. Nothing was written yet.`
            : `${body.errors.length} of ${body.rows} rows are invalid. Nothing was written.`
          : `Imported ${body.created.length} items at the bottom of the backlog.`,
      );
      if (body.dryRun && body.valid) setAttemptKey(newAttemptKey());
      if (!body.dryRun) {
        setCsv(null);
        setAttemptKey(null);
      }
      return;
    }
    const err = body as ErrorBody | null;
    setErrors((err?.error.details as { errors?: TImportRowError[] } | undefined)?.errors ?? []);
    setMessage(err?.error.message ?? `Import failed (${res.status}).`);
  };

  return (
    <details className="rounded-lg border border-slate-200 bg-white px-4 py-2 dark:border-slate-700 dark:bg-slate-900">
      <summary className="cursor-pointer text-base font-medium">Import and export</summary>
      <div className="flex flex-col gap-3 py-3">
        <p className="flex flex-wrap gap-3">
          <a className="font-medium text-sky-700 underline underline-offset-4 dark:text-sky-400" href={`${base}/export?format=csv`}>
            Export CSV
          </a>
          <a className="font-medium text-sky-700 underline underline-offset-4 dark:text-sky-400" href={`${base}/export?format=json`}>
            Export JSON
          </a>
        </p>
        {canImport && (
          <div className="flex flex-col gap-2">
            <label className="text-sm font-medium">
              CSV file to import (columns: title, kind, stage, labels, businessValue, costEstimate, team, description)
              <input
                type="file"
                accept=".csv,text/csv"
                className="mt-1 block text-sm"
                onChange={async (e) => {
                  const file = e.target.files?.[0];
                  setReport(null);
                  setErrors([]);
                  setMessage(null);
                  setFileName(file?.name ?? "");
                  setAttemptKey(null);
                  setCsv(file ? await file.text() : null);
                }}
              />
            </label>
            <div className="flex gap-2">
              <SubmitButton
                type="button"
                busy={busy}
                disabled={csv === null}
                onClick={() => void run(true)}
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium disabled:opacity-50 dark:border-slate-600"
              >
                Check {fileName || "file"}
              </SubmitButton>
              <SubmitButton
                type="button"
                busy={busy}
                busyLabel={importing ? "Importing…" : undefined}
                disabled={csv === null || !report?.valid || !report.dryRun}
                onClick={() => void run(false)}
                className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-50"
              >
                Import
              </SubmitButton>
            </div>
            {message && (
              <p role="status" className="text-base font-medium" data-testid="import-message">
                {message}
              </p>
            )}
            {errors.length > 0 && (
              <ul className="flex flex-col gap-1 text-sm text-red-800 dark:text-red-300" data-testid="import-errors">
                {errors.map((e) => (
                  <li key={e.line}>
                    Line {e.line}: {e.problems.join("; ")}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </details>
  );
}
