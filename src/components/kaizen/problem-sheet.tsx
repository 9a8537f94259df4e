"use client";

import Link from "next/link";
import { useCallback, useEffect, useId, useState, type ReactNode } from "react";
import { checkPdcaMove, PDCA_LABELS, PDCA_MOVES, PDCA_STATES, type PdcaState } from "@/domain/kaizen/pdca";
import { isoWeekStart, weekKey } from "@/domain/kaizen/weeks";
import { holderMayMarkCountermeasure, holderMayMovePdca, holderMayRecordKpi, type KaizenHolder } from "@/domain/permissions";
import { callApi, fieldErrors, type ApiFailure } from "@/lib/api-client";
import type { TProblemSheet } from "@/lib/schemas/kaizen";
import { FormDialog, inputClass, labelClass, primaryButton, secondaryButton } from "@/components/create/form-dialog";
import { FieldError, fieldAria } from "@/components/ui/field-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { useSubmit } from "@/components/ui/use-submit";
import { ConnectionStatus } from "@/components/wall/connection-status";
import { ErrorAlert, PdcaBadge, BackToKaizenWall, SOURCE_LABELS } from "./kaizen-ui";
import { KpiChart, weekLabel } from "./kpi-chart";
import { ProposalCard } from "./proposals";
import { useKaizenFeed } from "./use-kaizen-feed";

type Props = {
  service: { id: string; key: string; name: string };
  initial: TProblemSheet;
  renderedAt: number;
  holder: KaizenHolder;
  canAnswer: boolean;
};

const smallButton =
  "rounded-md border border-slate-300 px-2.5 py-1 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800";

/** A form's draft of a server value: follows the server until the person starts editing it. */
function useDraft<T>(server: T, same: (a: T, b: T) => boolean = (a, b) => JSON.stringify(a) === JSON.stringify(b)) {
  const [draft, setDraft] = useState(server);
  const [dirty, setDirty] = useState(false);
  const [seen, setSeen] = useState(server);
  if (!same(seen, server)) {
    setSeen(server);
    if (!dirty) setDraft(server);
  }
  return {
    draft,
    dirty,
    set: (v: T) => {
      setDraft(v);
      setDirty(true);
    },
    reset: () => {
      setDraft(server);
      setDirty(false);
    },
    saved: () => setDirty(false),
  };
}

function Section({ id, title, children, testId }: { id: string; title: string; children: ReactNode; testId?: string }) {
  return (
    <section aria-labelledby={id} data-testid={testId} className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-900">
      <h2 id={id} className="text-xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-red-100 px-3 py-2 text-base font-medium text-red-900 dark:bg-red-950 dark:text-red-100">
      {message}
    </p>
  );
}

/** A refusal as the forms show it: field sentences by path, or one sentence for the form. */
function refusal(res: ApiFailure): { fields: Record<string, string>; form: string | null } {
  const fields = fieldErrors(res);
  return { fields, form: Object.keys(fields).length > 0 ? null : res.message };
}

/**
 * The problem sheet (A3): the problem with data and its evidence, five whys ending in the root
 * cause, the hypothesis, countermeasures, the weekly KPI and its chart, PDCA with its history,
 * and the Kaizen-in-advance proposals that became part of it. Live: a change by anyone reads
 * the sheet again; a form being edited keeps its draft.
 */
export function ProblemSheet({ service, initial, renderedAt, holder, canAnswer }: Props) {
  const [sheet, setSheet] = useState(initial);
  const [gone, setGone] = useState(false);
  const fetchSheet = useCallback(async () => {
    const res = await fetch(`/api/v1/problems/${encodeURIComponent(initial.id)}`, { credentials: "same-origin" });
    if (res.status === 404) {
      setGone(true);
      return initial.seq;
    }
    if (!res.ok) throw new Error(`problem sheet ${res.status}`);
    const fresh = (await res.json()) as TProblemSheet;
    setSheet(fresh);
    return fresh.seq;
  }, [initial.id, initial.seq]);
  const status = useKaizenFeed(service.id, initial.seq, fetchSheet);
  const refresh = () => void fetchSheet().catch(() => undefined);

  const closed = sheet.pdca === "CLOSED";
  const canEdit = holder.edit && !closed;
  const ids = useId();

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4 px-4 py-4 sm:px-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-base">
            <Link href={`/services/${service.key}/kaizen`} className="text-sky-700 underline underline-offset-4 dark:text-sky-400">
              ← Kaizen wall
            </Link>
          </p>
          <h1 className="text-2xl font-bold break-words sm:text-3xl">{sheet.title}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-base text-slate-700 dark:text-slate-300">
            <PdcaBadge state={sheet.pdca} cycle={sheet.cycle} />
            <span>{service.name}</span>
            <span aria-hidden="true">·</span>
            <span>{sheet.stageName ?? "Whole service"}</span>
            <span aria-hidden="true">·</span>
            <span>{SOURCE_LABELS[sheet.source]}</span>
            <span aria-hidden="true">·</span>
            <span>opened {sheet.createdAt.slice(0, 10)}</span>
            {sheet.recurrenceOfId && (
              <Link className="text-sky-700 underline underline-offset-4 dark:text-sky-400" href={`/services/${service.key}/kaizen/${sheet.recurrenceOfId}`}>
                recurs after a closed problem
              </Link>
            )}
          </p>
          <BackToKaizenWall serviceKey={service.key} />
        </div>
        <ConnectionStatus status={status} />
      </div>
      {gone && <ErrorAlert message="This problem is no longer visible to you." />}

      {/* Small screens read the PDCA state and its moves first; wide ones the A3 in two columns. */}
      <div className="grid items-start gap-4 lg:grid-cols-2 lg:grid-rows-[auto_1fr]">
        <div className="lg:col-start-2 lg:row-start-1">
          <Section id={`${ids}-pdca`} title="PDCA" testId="sheet-pdca">
            <PdcaPanel sheet={sheet} holder={holder} now={renderedAt} onMoved={refresh} />
          </Section>
        </div>
        <div className="flex flex-col gap-4 lg:col-start-1 lg:row-span-2 lg:row-start-1">
          <Section id={`${ids}-data`} title="1. The problem, with data" testId="sheet-definition">
            <DefinitionForm sheet={sheet} canEdit={canEdit} people={sheet.people} onSaved={refresh} />
            <Evidence sheet={sheet} serviceKey={service.key} />
          </Section>
          <Section id={`${ids}-whys`} title="2. Five whys" testId="sheet-whys">
            <WhysEditor sheet={sheet} canEdit={canEdit} onSaved={refresh} />
          </Section>
          <Section id={`${ids}-hypothesis`} title="3. Hypothesis" testId="sheet-hypothesis">
            <HypothesisForm sheet={sheet} canEdit={canEdit} onSaved={refresh} />
          </Section>
          <Section id={`${ids}-cm`} title="4. Countermeasures" testId="sheet-countermeasures">
            <Countermeasures sheet={sheet} holder={holder} canEdit={canEdit} onSaved={refresh} />
          </Section>
        </div>
        <div className="flex flex-col gap-4 lg:col-start-2 lg:row-start-2">
          <Section id={`${ids}-kpi`} title="5. Weekly KPI" testId="sheet-kpi">
            <KpiPanel sheet={sheet} holder={holder} canEdit={canEdit} onSaved={refresh} />
          </Section>
          {sheet.proposals.length > 0 && (
            <Section id={`${ids}-proposals`} title="Kaizen in advance">
              {sheet.proposals.map((p) => (
                <ProposalCard key={p.id} proposal={p} serviceKey={service.key} now={renderedAt} canAnswer={canAnswer} problems={closed ? [] : [{ id: sheet.id, name: sheet.title }]} people={sheet.people} onAnswered={refresh} />
              ))}
            </Section>
          )}
        </div>
      </div>
    </div>
  );
}

// ------------------------------------------------------------------ 1. the problem with data

function DefinitionForm({ sheet, canEdit, people, onSaved }: { sheet: TProblemSheet; canEdit: boolean; people: TProblemSheet["people"]; onSaved: () => void }) {
  const id = useId();
  const d = useDraft({ definition: sheet.definition, ownerId: sheet.ownerId ?? "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { busy, run } = useSubmit();
  if (!canEdit) {
    return (
      <>
        <p className="text-base whitespace-pre-wrap">{sheet.definition || <em>Not defined with data yet.</em>}</p>
        <p className="text-base">
          <strong>Owner:</strong> {sheet.ownerName ?? "nobody yet"}
        </p>
      </>
    );
  }
  const submit = () =>
    run(async () => {
      setFormError(null);
      const res = await callApi("PATCH", `/api/v1/problems/${encodeURIComponent(sheet.id)}`, {
        version: sheet.version,
        definition: d.draft.definition,
        ...(d.draft.ownerId ? { ownerId: d.draft.ownerId } : {}),
      });
      if (res.ok) {
        d.saved();
        setErrors({});
        return onSaved();
      }
      const r = refusal(res);
      setErrors(r.fields);
      setFormError(r.form);
    });
  return (
    <form noValidate className="flex flex-col gap-3" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-definition`} className={labelClass}>
          What, where, since when, how much
        </label>
        <textarea id={`${id}-definition`} rows={4} maxLength={4000} value={d.draft.definition} onChange={(e) => d.set({ ...d.draft, definition: e.target.value })} className={inputClass} {...fieldAria(`${id}-definition-error`, errors.definition)} />
        <FieldError id={`${id}-definition-error`} message={errors.definition} />
      </div>
      <div className="flex flex-col gap-1 sm:max-w-xs">
        <label htmlFor={`${id}-owner`} className={labelClass}>
          Owner
        </label>
        <select id={`${id}-owner`} value={d.draft.ownerId} onChange={(e) => d.set({ ...d.draft, ownerId: e.target.value })} className={inputClass} {...fieldAria(`${id}-owner-error`, errors.ownerId)}>
          {!sheet.ownerId && <option value="">Nobody yet</option>}
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-owner-error`} message={errors.ownerId} />
      </div>
      <FormAlert message={formError} />
      <div className="flex gap-2">
        <SubmitButton busy={busy} busyLabel="Saving…" disabled={!d.dirty} className={primaryButton}>
          Save definition
        </SubmitButton>
        {d.dirty && (
          <button type="button" className={secondaryButton} onClick={d.reset}>
            Undo changes
          </button>
        )}
      </div>
    </form>
  );
}

function Evidence({ sheet, serviceKey }: { sheet: TProblemSheet; serviceKey: string }) {
  const ev = sheet.evidence;
  const itemIds = Array.isArray(ev?.itemIds) ? (ev.itemIds as unknown[]).filter((x): x is string => typeof x === "string") : [];
  const titles = Array.isArray(ev?.titles) ? (ev.titles as unknown[]).map(String) : [];
  const figures = ev ? Object.entries(ev).filter(([k, v]) => !Array.isArray(v) && (typeof v === "number" || typeof v === "string")) : [];
  if (!ev && !sheet.andon) return null;
  return (
    <div className="flex flex-col gap-2 rounded-lg bg-slate-50 p-3 dark:bg-slate-800" data-testid="evidence">
      <h3 className="text-base font-bold">Evidence</h3>
      {sheet.andon && (
        <p className="text-base">
          Opened by an andon: “{sheet.andon.reason}”
          {sheet.andon.itemId && (
            <>
              {" "}
              on{" "}
              <Link className="text-sky-700 underline underline-offset-4 dark:text-sky-400" href={`/services/${serviceKey}?item=${sheet.andon.itemId}`}>
                its item
              </Link>
            </>
          )}
          {sheet.andon.releasedAt ? ` · released ${sheet.andon.releasedAt.slice(0, 10)}${sheet.andon.countermeasure ? `, on the spot: ${sheet.andon.countermeasure}` : ""}` : " · still pulled"}
        </p>
      )}
      {figures.length > 0 && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-base">
          {figures.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-semibold">{k.replace(/([A-Z])/g, " $1").toLowerCase()}</dt>
              <dd className="break-words">{String(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      {itemIds.length > 0 && (
        <ul className="flex flex-wrap gap-2 text-base" aria-label="Items in the evidence">
          {itemIds.slice(0, 20).map((itemId, i) => (
            <li key={itemId}>
              <Link className="text-sky-700 underline underline-offset-4 dark:text-sky-400" href={`/services/${serviceKey}?item=${itemId}`}>
                {titles[i] ?? `Item ${i + 1}`}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// ------------------------------------------------------------------ 2. five whys

function WhysEditor({ sheet, canEdit, onSaved }: { sheet: TProblemSheet; canEdit: boolean; onSaved: () => void }) {
  const id = useId();
  const d = useDraft(sheet.whys.length > 0 ? sheet.whys : [""]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { busy, run } = useSubmit();
  if (!canEdit) {
    if (sheet.whys.length === 0) return <p className="text-base text-slate-700 dark:text-slate-300">No whys asked yet.</p>;
    return (
      <ol className="flex flex-col gap-2" data-testid="whys">
        {sheet.whys.map((w, i) => (
          <li key={i} className="text-base">
            <strong>Why {i + 1}:</strong> {w}
            {i === sheet.whys.length - 1 && <RootCause />}
          </li>
        ))}
      </ol>
    );
  }
  const whys = d.draft;
  const move = (i: number, by: number) => {
    const next = [...whys];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    d.set(next);
    requestAnimationFrame(() => document.getElementById(`${id}-why-${i + by}`)?.focus());
  };
  const submit = () =>
    run(async () => {
      setFormError(null);
      const res = await callApi("PATCH", `/api/v1/problems/${encodeURIComponent(sheet.id)}`, { version: sheet.version, whys });
      if (res.ok) {
        d.saved();
        setErrors({});
        return onSaved();
      }
      const r = refusal(res);
      setErrors(r.fields);
      setFormError(r.form ?? r.fields.whys ?? null);
    });
  return (
    <form noValidate className="flex flex-col gap-3" onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-label="Five whys">
      <p className="text-sm text-slate-700 dark:text-slate-300">Ask “why?” until you reach what you can change (at most five). The last why is the root cause.</p>
      <ol className="flex flex-col gap-3" data-testid="whys">
        {whys.map((w, i) => {
          const err = errors[`whys.${i}`];
          return (
            <li key={i} className="flex flex-col gap-1">
              <label htmlFor={`${id}-why-${i}`} className={labelClass}>
                Why {i + 1}
                {i === whys.length - 1 && <RootCause />}
              </label>
              <div className="flex flex-wrap gap-2">
                <textarea
                  id={`${id}-why-${i}`}
                  rows={2}
                  maxLength={500}
                  value={w}
                  onChange={(e) => d.set(whys.with(i, e.target.value))}
                  className={`${inputClass} min-w-0 flex-1 basis-60`}
                  {...fieldAria(`${id}-why-${i}-error`, err)}
                />
                <div className="flex gap-1">
                  <button type="button" className={smallButton} disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move why ${i + 1} up`}>
                    ↑
                  </button>
                  <button type="button" className={smallButton} disabled={i === whys.length - 1} onClick={() => move(i, 1)} aria-label={`Move why ${i + 1} down`}>
                    ↓
                  </button>
                  <button type="button" className={smallButton} disabled={whys.length === 1} onClick={() => d.set(whys.filter((_, j) => j !== i))} aria-label={`Remove why ${i + 1}`}>
                    Remove
                  </button>
                </div>
              </div>
              <FieldError id={`${id}-why-${i}-error`} message={err} />
            </li>
          );
        })}
      </ol>
      <FormAlert message={formError} />
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={secondaryButton}
          disabled={whys.length >= 5}
          onClick={() => {
            d.set([...whys, ""]);
            requestAnimationFrame(() => document.getElementById(`${id}-why-${whys.length}`)?.focus());
          }}
        >
          Ask why again
        </button>
        <SubmitButton busy={busy} busyLabel="Saving…" disabled={!d.dirty} className={primaryButton}>
          Save whys
        </SubmitButton>
        {d.dirty && (
          <button type="button" className={secondaryButton} onClick={d.reset}>
            Undo changes
          </button>
        )}
      </div>
    </form>
  );
}

function RootCause() {
  return <span className="ml-2 rounded bg-amber-200 px-1.5 py-0.5 text-xs font-bold tracking-wide text-amber-950 uppercase">Root cause</span>;
}

// ------------------------------------------------------------------ 3. hypothesis

function HypothesisForm({ sheet, canEdit, onSaved }: { sheet: TProblemSheet; canEdit: boolean; onSaved: () => void }) {
  const id = useId();
  const d = useDraft(sheet.hypothesis ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { busy, run } = useSubmit();
  if (!canEdit) return <p className="text-base whitespace-pre-wrap">{sheet.hypothesis || <em>No hypothesis yet.</em>}</p>;
  const submit = () =>
    run(async () => {
      setFormError(null);
      const res = await callApi("PATCH", `/api/v1/problems/${encodeURIComponent(sheet.id)}`, { version: sheet.version, hypothesis: d.draft });
      if (res.ok) {
        d.saved();
        setErrors({});
        return onSaved();
      }
      const r = refusal(res);
      setErrors(r.fields);
      setFormError(r.form);
    });
  return (
    <form noValidate className="flex flex-col gap-2" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label htmlFor={`${id}-h`} className={labelClass}>
        If we …, then … will change, because …
      </label>
      <textarea id={`${id}-h`} rows={3} maxLength={2000} value={d.draft} onChange={(e) => d.set(e.target.value)} className={inputClass} {...fieldAria(`${id}-h-error`, errors.hypothesis)} />
      <FieldError id={`${id}-h-error`} message={errors.hypothesis} />
      <FormAlert message={formError} />
      <div>
        <SubmitButton busy={busy} busyLabel="Saving…" disabled={!d.dirty} className={primaryButton}>
          Save hypothesis
        </SubmitButton>
      </div>
    </form>
  );
}

// ------------------------------------------------------------------ 4. countermeasures

function Countermeasures({ sheet, holder, canEdit, onSaved }: { sheet: TProblemSheet; holder: KaizenHolder; canEdit: boolean; onSaved: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useSubmit();
  const toggle = (cmId: string, version: number, done: boolean) =>
    run(async () => {
      setError(null);
      const res = await callApi("PATCH", `/api/v1/countermeasures/${encodeURIComponent(cmId)}`, { version, done });
      if (!res.ok) setError(res.message);
      onSaved();
    });
  return (
    <div className="flex flex-col gap-3">
      {sheet.countermeasures.length === 0 && <p className="text-base text-slate-700 dark:text-slate-300">No countermeasures yet.</p>}
      <ul className="flex flex-col gap-2" data-testid="countermeasures">
        {sheet.countermeasures.map((c) => {
          const mayMark = sheet.pdca !== "CLOSED" && holderMayMarkCountermeasure(holder, c);
          return (
            <li
              key={c.id}
              data-testid="countermeasure"
              data-done={c.done}
              data-overdue={c.overdue}
              className={`flex flex-wrap items-start gap-3 rounded-lg px-3 py-2 ${c.overdue ? "border-l-4 border-red-600 bg-red-50 dark:bg-red-950/60" : "bg-slate-50 dark:bg-slate-800"}`}
            >
              {mayMark ? (
                <input
                  type="checkbox"
                  id={`cm-${c.id}`}
                  checked={c.done}
                  disabled={busy}
                  onChange={(e) => void toggle(c.id, c.version, e.target.checked)}
                  className="mt-1 size-5"
                />
              ) : (
                <span aria-hidden="true" className="mt-0.5 text-lg">
                  {c.done ? "☑" : "☐"}
                </span>
              )}
              <div className="min-w-0 flex-1">
                <label htmlFor={mayMark ? `cm-${c.id}` : undefined} className={`text-base font-semibold ${c.done ? "line-through decoration-2" : ""}`}>
                  {c.description}
                  {!mayMark && <span className="sr-only">{c.done ? " (done)" : " (open)"}</span>}
                </label>
                <p className="text-sm text-slate-700 dark:text-slate-300">
                  {c.ownerName ?? "No owner"} · {c.dueDate ? `due ${c.dueDate}` : "no due date"}
                  {c.overdue && <strong className="ml-2 rounded bg-red-700 px-1.5 py-0.5 text-white">Overdue</strong>}
                  {c.done && <span className="ml-2 font-semibold text-emerald-800 dark:text-emerald-300">Done</span>}
                </p>
              </div>
            </li>
          );
        })}
      </ul>
      <FormAlert message={error} />
      {canEdit && <AddCountermeasure sheet={sheet} onSaved={onSaved} />}
    </div>
  );
}

function AddCountermeasure({ sheet, onSaved }: { sheet: TProblemSheet; onSaved: () => void }) {
  const id = useId();
  const [description, setDescription] = useState("");
  const [ownerId, setOwnerId] = useState(sheet.ownerId ?? sheet.people[0]?.id ?? "");
  const [dueDate, setDueDate] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { busy, run } = useSubmit();
  const submit = () =>
    run(async () => {
      setFormError(null);
      const res = await callApi("POST", `/api/v1/problems/${encodeURIComponent(sheet.id)}/countermeasures`, { description, ownerId, dueDate: dueDate || null });
      if (res.ok) {
        setDescription("");
        setDueDate("");
        setErrors({});
        return onSaved();
      }
      const r = refusal(res);
      setErrors(r.fields);
      setFormError(r.form);
    });
  return (
    <form noValidate aria-label="Add a countermeasure" className="flex flex-col gap-3 border-t border-slate-200 pt-3 dark:border-slate-700" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-d`} className={labelClass}>
          New countermeasure (what is done in daily work)
        </label>
        <input id={`${id}-d`} maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} className={inputClass} {...fieldAria(`${id}-d-error`, errors.description)} />
        <FieldError id={`${id}-d-error`} message={errors.description} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-o`} className={labelClass}>
            Owner
          </label>
          <select id={`${id}-o`} value={ownerId} onChange={(e) => setOwnerId(e.target.value)} className={inputClass} {...fieldAria(`${id}-o-error`, errors.ownerId)}>
            {sheet.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-o-error`} message={errors.ownerId} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-due`} className={labelClass}>
            Due date
          </label>
          <input id={`${id}-due`} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} className={inputClass} {...fieldAria(`${id}-due-error`, errors.dueDate)} />
          <FieldError id={`${id}-due-error`} message={errors.dueDate} />
        </div>
      </div>
      <FormAlert message={formError} />
      <div>
        <SubmitButton busy={busy} busyLabel="Adding…" className={primaryButton}>
          Add countermeasure
        </SubmitButton>
      </div>
    </form>
  );
}

// ------------------------------------------------------------------ 5. weekly KPI

/** A number typed by a person; text that is not one is sent as is, so the API's sentence names it. */
const asNumber = (s: string): number | string => (s.trim() !== "" && Number.isFinite(Number(s)) ? Number(s) : s);

function KpiPanel({ sheet, holder, canEdit, onSaved }: { sheet: TProblemSheet; holder: KaizenHolder; canEdit: boolean; onSaved: () => void }) {
  const mayRecord = sheet.pdca !== "CLOSED" && sheet.kpi !== null && holderMayRecordKpi(holder, sheet);
  return (
    <div className="flex flex-col gap-4">
      {sheet.kpi ? (
        <>
          <KpiChart kpi={sheet.kpi} values={sheet.kpiValues} />
          <p className="text-base" data-testid="kpi-confirm-rule">
            Check → Act needs the target met {sheet.confirmWeeks} consecutive weeks.
          </p>
          {sheet.kpiValues.length > 0 && (
            <details>
              <summary className="cursor-pointer text-base font-semibold">The values ({sheet.kpiValues.length} weeks)</summary>
              <table className="mt-2 w-full text-left text-base" data-testid="kpi-values">
                <thead>
                  <tr>
                    <th scope="col" className="pr-4">Week</th>
                    <th scope="col" className="pr-4">Value</th>
                    <th scope="col">Target met</th>
                  </tr>
                </thead>
                <tbody>
                  {sheet.kpiValues.map((v) => {
                    const ok = sheet.kpi!.higherIsBetter ? v.value >= sheet.kpi!.target : v.value <= sheet.kpi!.target;
                    return (
                      <tr key={v.week}>
                        <td className="pr-4">{weekLabel(v.week)}</td>
                        <td className="pr-4 tabular-nums">{v.value}</td>
                        <td>{ok ? "yes" : "no"}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </details>
          )}
        </>
      ) : (
        <p className="text-base text-slate-700 dark:text-slate-300">No KPI yet: define what you will measure each week and its target.</p>
      )}
      {mayRecord && <RecordKpiValue sheet={sheet} onSaved={onSaved} />}
      {canEdit && <KpiDefinitionForm sheet={sheet} onSaved={onSaved} />}
    </div>
  );
}

function RecordKpiValue({ sheet, onSaved }: { sheet: TProblemSheet; onSaved: () => void }) {
  const id = useId();
  const [week, setWeek] = useState(() => weekKey(isoWeekStart(new Date())));
  const [value, setValue] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, run } = useSubmit();
  const submit = () =>
    run(async () => {
      setFormError(null);
      setDone(null);
      const res = await callApi<{ week: string; value: number }>("PUT", `/api/v1/problems/${encodeURIComponent(sheet.id)}/kpi-values`, { week, value: asNumber(value) });
      if (res.ok) {
        setErrors({});
        setValue("");
        setDone(`Recorded ${res.body.value} for ${weekLabel(res.body.week)}.`);
        return onSaved();
      }
      const r = refusal(res);
      setErrors(r.fields);
      setFormError(r.form);
    });
  return (
    <form noValidate aria-label="Record this week's KPI value" className="flex flex-col gap-3 border-t border-slate-200 pt-3 dark:border-slate-700" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-w`} className={labelClass}>
            Week (any day of it)
          </label>
          <input id={`${id}-w`} type="date" value={week} onChange={(e) => setWeek(e.target.value)} className={inputClass} {...fieldAria(`${id}-w-error`, errors.week)} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-v`} className={labelClass}>
            Value{sheet.kpi?.unit ? ` (${sheet.kpi.unit})` : ""}
          </label>
          <input id={`${id}-v`} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} className={inputClass} {...fieldAria(`${id}-v-error`, errors.value)} />
        </div>
        <SubmitButton busy={busy} busyLabel="Recording…" className={primaryButton}>
          Record value
        </SubmitButton>
      </div>
      <FieldError id={`${id}-w-error`} message={errors.week} />
      <FieldError id={`${id}-v-error`} message={errors.value} />
      <FormAlert message={formError} />
      {done && (
        <p role="status" className="text-base text-emerald-800 dark:text-emerald-300">
          {done}
        </p>
      )}
    </form>
  );
}

function KpiDefinitionForm({ sheet, onSaved }: { sheet: TProblemSheet; onSaved: () => void }) {
  const id = useId();
  const k = sheet.kpi;
  const d = useDraft({
    name: k?.name ?? "",
    unit: k?.unit ?? "",
    higherIsBetter: k?.higherIsBetter ?? false,
    baseline: k?.baseline?.toString() ?? "",
    target: k?.target?.toString() ?? "",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { busy, run } = useSubmit();
  const submit = () =>
    run(async () => {
      setFormError(null);
      const res = await callApi("PATCH", `/api/v1/problems/${encodeURIComponent(sheet.id)}`, {
        version: sheet.version,
        kpi: {
          name: d.draft.name,
          unit: d.draft.unit,
          higherIsBetter: d.draft.higherIsBetter,
          baseline: d.draft.baseline.trim() === "" ? null : asNumber(d.draft.baseline),
          target: asNumber(d.draft.target),
        },
      });
      if (res.ok) {
        d.saved();
        setErrors({});
        return onSaved();
      }
      const r = refusal(res);
      setErrors(r.fields);
      setFormError(r.form);
    });
  const field = (name: "name" | "unit" | "baseline" | "target", label: string, extra: object = {}) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`${id}-${name}`} className={labelClass}>
        {label}
      </label>
      <input id={`${id}-${name}`} value={d.draft[name]} onChange={(e) => d.set({ ...d.draft, [name]: e.target.value })} className={inputClass} {...extra} {...fieldAria(`${id}-${name}-error`, errors[`kpi.${name}`])} />
      <FieldError id={`${id}-${name}-error`} message={errors[`kpi.${name}`]} />
    </div>
  );
  return (
    <details open={!k} className="border-t border-slate-200 pt-3 dark:border-slate-700">
      <summary className="cursor-pointer text-base font-semibold">{k ? "Change the KPI" : "Define the KPI"}</summary>
      <form noValidate aria-label="The weekly KPI" className="mt-3 flex flex-col gap-3" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <div className="grid gap-3 sm:grid-cols-2">
          {field("name", "KPI name", { maxLength: 120 })}
          {field("unit", "Unit", { maxLength: 20 })}
          {field("baseline", "Baseline (optional)", { inputMode: "decimal" })}
          {field("target", "Target", { inputMode: "decimal" })}
        </div>
        <div className="flex flex-col gap-1 sm:max-w-xs">
          <label htmlFor={`${id}-dir`} className={labelClass}>
            Better is
          </label>
          <select id={`${id}-dir`} value={d.draft.higherIsBetter ? "higher" : "lower"} onChange={(e) => d.set({ ...d.draft, higherIsBetter: e.target.value === "higher" })} className={inputClass}>
            <option value="lower">Lower</option>
            <option value="higher">Higher</option>
          </select>
        </div>
        <FormAlert message={formError} />
        <div>
          <SubmitButton busy={busy} busyLabel="Saving…" disabled={!d.dirty} className={primaryButton}>
            Save KPI
          </SubmitButton>
        </div>
      </form>
    </details>
  );
}

// ------------------------------------------------------------------ PDCA

function PdcaPanel({ sheet, holder, now, onMoved }: { sheet: TProblemSheet; holder: KaizenHolder; now: number; onMoved: () => void }) {
  const [closing, setClosing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useSubmit();
  const id = useId();
  // The same pure rules the server decides with: why a move is not possible yet.
  const facts = {
    pdca: sheet.pdca,
    whyCount: sheet.whys.length,
    hypothesis: sheet.hypothesis,
    countermeasures: sheet.countermeasures.map((c) => ({ ownerId: c.ownerId, done: c.done, dueDate: c.dueDate ? new Date(`${c.dueDate}T00:00:00Z`) : null })),
    kpi: { name: sheet.kpi?.name ?? null, target: sheet.kpi?.target ?? null, higherIsBetter: sheet.kpi?.higherIsBetter ?? false },
    kpiValues: sheet.kpiValues.map((v) => ({ weekStart: new Date(`${v.week}T00:00:00Z`), value: v.value })),
  };
  // The clock the rules judge "due" and "this week" by: the page's, then ticking each minute.
  const [clock, setClock] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setClock(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const moves = PDCA_MOVES[sheet.pdca].filter((to) => holderMayMovePdca(holder, sheet, sheet.pdca, to));
  const move = (to: PdcaState) =>
    run(async () => {
      setError(null);
      const res = await callApi("POST", `/api/v1/problems/${encodeURIComponent(sheet.id)}/pdca`, { version: sheet.version, to });
      if (!res.ok) setError(res.message);
      onMoved();
    });
  return (
    <div className="flex flex-col gap-4">
      <ol className="flex flex-wrap gap-1" aria-label="PDCA cycle">
        {PDCA_STATES.map((s) => {
          const current = s === sheet.pdca;
          return (
            <li key={s} aria-current={current ? "step" : undefined} className={`rounded-md px-3 py-1.5 text-base font-semibold ${current ? "bg-sky-800 text-white" : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"}`}>
              {PDCA_LABELS[s]}
            </li>
          );
        })}
      </ol>
      <p className="text-base">
        Cycle {sheet.cycle}
        {sheet.pdca === "CLOSED" && sheet.standard && (
          <>
            {" "}
            · <strong>New standard:</strong> {sheet.standard}
            {sheet.standardCriterion && <> (done-criterion added: “{sheet.standardCriterion.text}”)</>}
          </>
        )}
      </p>
      {moves.length > 0 && (
        <div className="flex flex-col gap-2">
          {moves.map((to) => {
            const verdict = to === "CLOSED" ? { ok: true as const } : checkPdcaMove(facts, to, { now: new Date(clock), confirmWeeks: sheet.confirmWeeks });
            const hint = `${id}-hint-${to}`;
            const label = to === "PLAN" && sheet.pdca === "CHECK" ? `Back to Plan (cycle ${sheet.cycle + 1})` : `Move to ${PDCA_LABELS[to]}`;
            return (
              <div key={to} className="flex flex-wrap items-center gap-3">
                <SubmitButton
                  type="button"
                  busy={busy}
                  disabled={!verdict.ok}
                  aria-describedby={verdict.ok ? undefined : hint}
                  onClick={() => (to === "CLOSED" ? setClosing(true) : void move(to))}
                  className={primaryButton}
                >
                  {label}
                </SubmitButton>
                {!verdict.ok && (
                  <p id={hint} className="text-base text-slate-700 dark:text-slate-300">
                    {verdict.message}
                  </p>
                )}
              </div>
            );
          })}
        </div>
      )}
      {sheet.pdca !== "CLOSED" && moves.length === 0 && (
        <p className="text-base text-slate-700 dark:text-slate-300">The Process Master moves this step{sheet.ownerName ? `; ${sheet.ownerName} owns the problem` : ""}.</p>
      )}
      <FormAlert message={error} />
      <div>
        <h3 className="text-base font-bold">History</h3>
        {sheet.history.length === 0 ? (
          <p className="text-base text-slate-700 dark:text-slate-300">Opened {sheet.createdAt.slice(0, 10)}; no moves yet.</p>
        ) : (
          <ol className="flex flex-col gap-1 text-base" data-testid="pdca-history">
            {sheet.history.map((h, i) => (
              <li key={i}>
                {h.at.slice(0, 10)}: {PDCA_LABELS[h.from]} → {PDCA_LABELS[h.to]}
                {h.cycle > 1 ? ` (cycle ${h.cycle})` : ""} by {h.byName ?? "someone"}
                {h.note ? ` — ${h.note}` : ""}
              </li>
            ))}
          </ol>
        )}
      </div>
      {closing && <CloseDialog sheet={sheet} onClose={() => setClosing(false)} onDone={() => { setClosing(false); onMoved(); }} />}
    </div>
  );
}

function CloseDialog({ sheet, onClose, onDone }: { sheet: TProblemSheet; onClose: () => void; onDone: () => void }) {
  const id = useId();
  const [standard, setStandard] = useState("");
  const [criterion, setCriterion] = useState("");
  const [stageId, setStageId] = useState(sheet.stageId ?? sheet.stages[0]?.id ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { busy, run } = useSubmit();
  const submit = () =>
    run(async () => {
      setFormError(null);
      const res = await callApi("POST", `/api/v1/problems/${encodeURIComponent(sheet.id)}/pdca`, {
        version: sheet.version,
        to: "CLOSED",
        standard,
        newCriterion: criterion.trim() ? { stageId, text: criterion } : null,
      });
      if (res.ok) return onDone();
      const r = refusal(res);
      setErrors(r.fields);
      setFormError(r.form);
    });
  return (
    <FormDialog testId="close-problem-dialog" heading="Close with a new standard" busy={busy} onClose={onClose} onSubmit={() => void submit()}>
      <p className="text-base text-slate-700 dark:text-slate-300">The KPI confirmed the countermeasures. Write down what the team does from now on.</p>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-s`} className={labelClass}>
          The new standard
        </label>
        <textarea id={`${id}-s`} autoFocus rows={2} maxLength={1000} value={standard} onChange={(e) => setStandard(e.target.value)} className={inputClass} {...fieldAria(`${id}-s-error`, errors.standard)} />
        <FieldError id={`${id}-s-error`} message={errors.standard} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-c`} className={labelClass}>
          New done-criterion <span className="font-normal text-slate-600 dark:text-slate-400">(optional: JKK learns from Kaizen)</span>
        </label>
        <input id={`${id}-c`} maxLength={300} value={criterion} onChange={(e) => setCriterion(e.target.value)} className={inputClass} {...fieldAria(`${id}-c-error`, errors["newCriterion.text"])} />
        <FieldError id={`${id}-c-error`} message={errors["newCriterion.text"]} />
      </div>
      {criterion.trim() && (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-st`} className={labelClass}>
            On the stage
          </label>
          <select id={`${id}-st`} value={stageId} onChange={(e) => setStageId(e.target.value)} className={inputClass} {...fieldAria(`${id}-st-error`, errors["newCriterion.stageId"])}>
            {sheet.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-st-error`} message={errors["newCriterion.stageId"]} />
        </div>
      )}
      <FormAlert message={formError} />
      <div className="flex justify-end gap-3">
        <button type="button" disabled={busy} onClick={onClose} className={secondaryButton}>
          Cancel
        </button>
        <SubmitButton busy={busy} busyLabel="Closing…" className={primaryButton}>
          Close the problem
        </SubmitButton>
      </div>
    </FormDialog>
  );
}
