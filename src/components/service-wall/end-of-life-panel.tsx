"use client";

import { useState } from "react";
import type { TServiceWall } from "@/lib/schemas/service-wall";
import { Field, FormError, Panel, Submit, api, day, inputClass, quietButtonClass, useApiForm } from "./form-kit";

type Props = { wall: TServiceWall; canDecide: boolean; onChanged: () => void };

export const STATUS_LABEL = { ACTIVE: "Active", RETIRING: "Retiring", RETIRED: "Retired" } as const;

/** The end of life: the state (Active → Retiring → Retired), the decision and its work; only the Service Master decides. */
export function EndOfLifePanel({ wall, canDecide, onChanged }: Props) {
  const { service: s } = wall;
  const eol = s.endOfLife;
  return (
    <Panel
      title="End of life"
      id="eol-heading"
      summary={
        <p data-testid="eol-state" className="text-base">
          State:{" "}
          <strong className={s.status === "ACTIVE" ? "text-emerald-800 dark:text-emerald-300" : "text-amber-800 dark:text-amber-300"}>{STATUS_LABEL[s.status]}</strong>
        </p>
      }
    >
      <ol aria-label="End-of-life states" className="flex flex-wrap items-center gap-2 text-base">
        {(["ACTIVE", "RETIRING", "RETIRED"] as const).map((st, i) => (
          <li key={st} className="flex items-center gap-2">
            {i > 0 && <span aria-hidden="true">→</span>}
            <span
              aria-current={st === s.status ? "step" : undefined}
              className={`rounded-full px-3 py-0.5 ${st === s.status ? "bg-slate-900 font-bold text-white dark:bg-slate-100 dark:text-slate-900" : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"}`}
            >
              {STATUS_LABEL[st]}
            </span>
          </li>
        ))}
      </ol>
      {s.status === "ACTIVE" && !eol.decidedAt && <p className="text-base text-slate-600 dark:text-slate-400">No end of life decided.</p>}
      {(s.status !== "ACTIVE" || eol.decidedAt) && (
        <dl className="grid gap-x-4 gap-y-1 text-base sm:grid-cols-[10rem_1fr]">
          <dt className="font-semibold">End-of-life date</dt>
          <dd>{day(eol.date)}</dd>
          {eol.conditions && (
            <>
              <dt className="font-semibold">Conditions</dt>
              <dd className="whitespace-pre-line">{eol.conditions}</dd>
            </>
          )}
          {eol.plan && (
            <>
              <dt className="font-semibold">Migration or notice plan</dt>
              <dd className="whitespace-pre-line">{eol.plan}</dd>
            </>
          )}
          <dt className="font-semibold">Decided</dt>
          <dd>
            {day(eol.decidedAt)}
            {eol.decidedByName && ` by ${eol.decidedByName}`}
          </dd>
        </dl>
      )}
      {s.status === "RETIRING" && (
        <div>
          <h3 className="text-base font-semibold">Open work before the end ({eol.openItems.length})</h3>
          {eol.openItems.length === 0 ? (
            <p className="text-base text-slate-600 dark:text-slate-400">No open work.</p>
          ) : (
            <ul className="list-disc pl-6 text-base">
              {eol.openItems.map((i) => (
                <li key={i.id}>
                  {i.title} <span className="text-slate-600 dark:text-slate-400">({i.stageName})</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {canDecide && s.status !== "RETIRED" && <DecisionControl wall={wall} onChanged={onChanged} />}
    </Panel>
  );
}

function DecisionControl({ wall, onChanged }: { wall: TServiceWall; onChanged: () => void }) {
  const [open, setOpen] = useState<null | "RETIRE">(null);
  // Retired is final: the first click asks, the second decides.
  const [confirming, setConfirming] = useState(false);
  const form = useApiForm(onChanged);
  const s = wall.service;
  const decide = (decision: "RETIRED" | "KEEP") => void form.send("POST", api(s.id, "/end-of-life"), { decision, expectedVersion: s.version });

  if (s.status === "RETIRING")
    return (
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap gap-2">
          {confirming ? (
            <button type="button" autoFocus disabled={form.busy} onClick={() => decide("RETIRED")} className="rounded-md bg-red-700 px-3 py-1.5 text-base font-semibold text-white hover:bg-red-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-60">
              Yes, retire {s.name} now
            </button>
          ) : (
            <button type="button" onClick={() => setConfirming(true)} className="rounded-md border-2 border-red-700 px-3 py-1.5 text-base font-semibold text-red-800 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 dark:text-red-300 dark:hover:bg-red-950">
              Retire the service now…
            </button>
          )}
          <button type="button" disabled={form.busy} onClick={() => decide("KEEP")} className={quietButtonClass}>
            Keep the service
          </button>
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-400">Retired is final: every wall of the service becomes read-only and keeps its history.</p>
        <FormError form={form} />
      </div>
    );

  if (!open)
    return (
      <button type="button" onClick={() => setOpen("RETIRE")} className={`${quietButtonClass} self-start`}>
        Decide the end of life
      </button>
    );
  return (
    <form
      aria-label="End-of-life decision"
      className="grid gap-3 rounded-lg border border-slate-200 bg-slate-50 p-3 sm:grid-cols-2 dark:border-slate-700 dark:bg-slate-950"
      onKeyDown={(e) => {
        if (e.key === "Escape") setOpen(null);
      }}
      onSubmit={async (ev) => {
        ev.preventDefault();
        const d = new FormData(ev.currentTarget);
        const date = String(d.get("date") ?? "");
        const ok = await form.send("POST", api(s.id, "/end-of-life"), {
          decision: "RETIRE",
          date: date ? `${date}T00:00:00Z` : null,
          conditions: String(d.get("conditions") ?? ""),
          plan: String(d.get("plan") ?? ""),
          expectedVersion: s.version,
        });
        if (ok) setOpen(null);
      }}
    >
      <Field label="End-of-life date (UTC)" name="date" form={form}>
        {(a) => <input {...a} name="date" type="date" required autoFocus className={inputClass} />}
      </Field>
      <Field label="Conditions" name="conditions" form={form}>
        {(a) => <input {...a} name="conditions" maxLength={4000} className={inputClass} />}
      </Field>
      <Field label="Migration or notice plan" name="plan" form={form} className="sm:col-span-2">
        {(a) => <textarea {...a} name="plan" required rows={3} maxLength={4000} className={inputClass} />}
      </Field>
      <FormError form={form} />
      <div className="flex gap-2 sm:col-span-2">
        <Submit form={form} busyLabel="Recording…">
          Record decision: Retiring
        </Submit>
        <button type="button" onClick={() => setOpen(null)} className={quietButtonClass}>
          Cancel
        </button>
      </div>
    </form>
  );
}
