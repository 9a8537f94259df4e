"use client";

import { useState } from "react";
import { checkGateDecision, checkGoOverUnfinished, type AssessmentResult, type GateOutcome } from "@/domain/releases";
import type { TGateCriterion, TGateDecision, TRelease } from "@/lib/schemas/release";
import { callApi } from "@/lib/api-client";
import { RESULT_LABEL } from "./format";

type Props = {
  release: TRelease;
  criteria: TGateCriterion[];
  // The decision standing when the page last loaded: the new one supersedes exactly it.
  standingId: string | null;
  onRecorded: () => void;
};

type Row = { result: AssessmentResult; reason: string };

/** The gatekeeper's go/no-go form; the same pure rule as the server says what is missing first. */
export function DecisionForm({ release, criteria, standingId, onRecorded }: Props) {
  const [outcome, setOutcome] = useState<GateOutcome>("GO");
  const [rows, setRows] = useState<Record<string, Row>>({});
  const [evidence, setEvidence] = useState("");
  const [comment, setComment] = useState("");
  const [overrideReason, setOverrideReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  // A GO over items not done needs a reason: its error is shown next to that field.
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const row = (id: string): Row => rows[id] ?? { result: "PASS", reason: "" };
  const setRow = (id: string, patch: Partial<Row>) => setRows((r) => ({ ...r, [id]: { ...row(id), ...patch } }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setDone(null);
    const assessments = criteria.map((c) => ({
      criterionId: c.id,
      result: row(c.id).result,
      reason: row(c.id).reason.trim() || null,
    }));
    const local = checkGateDecision(criteria, { outcome, assessments, comment });
    if (!local.ok) {
      setError(local.message);
      return;
    }
    const override = checkGoOverUnfinished(outcome, release.unfinishedItems, overrideReason);
    if (!override.ok) {
      setError(null);
      setReasonError(override.message);
      return;
    }
    setBusy(true);
    setError(null);
    setReasonError(null);
    const res = await callApi<TGateDecision>("POST", `/api/v1/releases/${release.id}/decisions`, {
      outcome,
      assessments,
      evidence: evidence
        .split(/\s+/)
        .map((s) => s.trim())
        .filter(Boolean),
      comment,
      overrideReason: override.overrideReason,
      supersedesId: standingId,
    });
    setBusy(false);
    if (!res.ok) {
      // The server saw items not done that this page had not (the wall reloads below).
      if ((res.details as { rule?: string } | null)?.rule === "GO_OVER_UNFINISHED") setReasonError(res.message);
      else setError(res.message);
    } else {
      setRows({});
      setEvidence("");
      setComment("");
      setOverrideReason("");
      setDone(`${res.body.outcome === "GO" ? "GO" : "NO-GO"} recorded.`);
    }
    onRecorded();
  }

  const id = (s: string) => `decision-${release.id}-${s}`;
  const unfinished = release.unfinishedItems;
  return (
    <details data-print="hide" className="rounded border border-slate-200 dark:border-slate-700">
      <summary className="cursor-pointer px-3 py-2 font-semibold">Record a go/no-go decision</summary>
      <form
        onSubmit={submit}
        aria-label={`Go/no-go decision for release ${release.name}`}
        className="space-y-3 px-3 pb-3"
      >
        <fieldset className="flex gap-4">
          <legend className="sr-only">Outcome</legend>
          {(["GO", "NO_GO"] as const).map((o) => (
            <label key={o} className="flex items-center gap-1 font-medium">
              <input type="radio" name={id("outcome")} value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
              {o === "GO" ? "GO" : "NO-GO"}
            </label>
          ))}
        </fieldset>
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left">
              <th className="py-1">Criterion</th>
              <th className="py-1">Assessment</th>
              <th className="py-1">Reason (required for fail and waived)</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => (
              <tr key={c.id} className="align-top">
                <td className="py-1 pr-2">
                  <span className="font-medium">{c.name}</span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">{c.description}</span>
                </td>
                <td className="py-1 pr-2">
                  <select
                    aria-label={`${c.name} assessment`}
                    value={row(c.id).result}
                    onChange={(e) => setRow(c.id, { result: e.target.value as AssessmentResult })}
                    className="rounded border border-slate-300 bg-white px-1 dark:border-slate-600 dark:bg-slate-800"
                  >
                    {(["PASS", "FAIL", "WAIVED"] as const).map((r) => (
                      <option key={r} value={r}>
                        {RESULT_LABEL[r]}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="py-1">
                  <input
                    aria-label={`${c.name} reason`}
                    value={row(c.id).reason}
                    onChange={(e) => setRow(c.id, { reason: e.target.value })}
                    className="w-full rounded border border-slate-300 bg-white px-1 dark:border-slate-600 dark:bg-slate-800"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {outcome === "GO" && unfinished.length > 0 && (
          <section aria-labelledby={id("unfinished")} className="space-y-2 rounded border border-amber-400 bg-amber-50 p-2 text-sm dark:border-amber-600 dark:bg-amber-950">
            <h4 id={id("unfinished")} className="font-semibold text-amber-900 dark:text-amber-200">
              {unfinished.length === 1 ? "1 item is not done" : `${unfinished.length} items are not done`}
            </h4>
            <ul data-testid="unfinished-items" className="list-disc space-y-0.5 pl-5">
              {unfinished.map((i) => (
                <li key={i.id} data-testid="unfinished-item">
                  <span className="font-medium">{i.title}</span> — {i.why}
                </li>
              ))}
            </ul>
            <label className="block">
              <span className="font-medium">Reason to go anyway</span> (required for a GO; kept with the decision)
              <textarea
                value={overrideReason}
                onChange={(e) => {
                  setOverrideReason(e.target.value);
                  setReasonError(null);
                }}
                rows={2}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? id("reason-error") : undefined}
                className="mt-1 block w-full rounded border border-slate-300 bg-white px-1 dark:border-slate-600 dark:bg-slate-800"
              />
            </label>
            {reasonError && (
              <p id={id("reason-error")} role="alert" className="rounded bg-red-50 p-2 text-red-800 dark:bg-red-950 dark:text-red-200">
                {reasonError}
              </p>
            )}
          </section>
        )}
        {outcome === "GO" && unfinished.length === 0 && reasonError && (
          <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
            {reasonError}
          </p>
        )}
        <label className="block text-sm">
          <span className="font-medium">Evidence links</span> (one per line)
          <textarea
            value={evidence}
            onChange={(e) => setEvidence(e.target.value)}
            rows={2}
            className="mt-1 block w-full rounded border border-slate-300 bg-white px-1 dark:border-slate-600 dark:bg-slate-800"
          />
        </label>
        <label className="block text-sm">
          <span className="font-medium">Comment</span>
          <textarea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            rows={2}
            className="mt-1 block w-full rounded border border-slate-300 bg-white px-1 dark:border-slate-600 dark:bg-slate-800"
          />
        </label>
        {error && (
          <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
            {error}
          </p>
        )}
        {done && (
          <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
            {done}
          </p>
        )}
        <button type="submit" disabled={busy} className="rounded bg-slate-900 px-3 py-1 font-semibold text-white disabled:opacity-50 dark:bg-sky-700">
          Record decision
        </button>
      </form>
    </details>
  );
}
