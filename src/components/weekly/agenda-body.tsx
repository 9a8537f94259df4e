"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { FieldError, fieldAria } from "@/components/ui/field-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { useSubmit } from "@/components/ui/use-submit";
import { holderMayRecordKpi } from "@/domain/permissions";
import { callApi, fieldErrors } from "@/lib/api-client";
import type { WeeklyPermissions } from "@/lib/permissions-view";
import type { TWeeklyAgenda } from "@/lib/schemas/weekly";

export type { WeeklyPermissions };

const BUTTON = "rounded bg-blue-800 px-2 py-0.5 text-sm font-medium text-white hover:bg-blue-900 disabled:opacity-60";

type Line = TWeeklyAgenda["sections"][number]["lines"][number];

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const dayOf = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

/** The line every meeting has for what fits no other: decisions and actions of its own. */
const OTHER_LINE: Line = { key: "meeting:other", text: "Other business", at: null, flag: null, problemId: null };

/**
 * One service's agenda: its sections, each line with what was decided and agreed against it,
 * and (for those who may) the forms to record a decision or an action, mark an action done and
 * enter a weekly KPI value. Every change goes through the API; the page refetches after it and
 * on every event of the service, so a second screen sees it too.
 */
export function AgendaBody({ agenda, permissions, onChanged, headingLevel = 2 }: { agenda: TWeeklyAgenda; permissions: WeeklyPermissions; onChanged: () => void; headingLevel?: 2 | 3 }) {
  const base = `/services/${encodeURIComponent(agenda.service.key)}`;
  const actionsById = new Map(agenda.sections.find((s) => s.key === "actions")?.lines.flatMap((l) => (l.action ? [[l.action.id, l] as const] : [])) ?? []);
  const H = headingLevel === 2 ? "h2" : "h3";
  const sections = [...agenda.sections, { key: "other", title: "Other business", empty: "", lines: [OTHER_LINE] }];
  return (
    <div className="weekly-sections grid gap-x-6 gap-y-3 lg:grid-cols-2">
      {agenda.problems.length > 0 && (
        <p role="status" className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-950 lg:col-span-2 dark:bg-amber-950 dark:text-amber-100">
          {agenda.problems.map((p) => p.message).join(" · ")}
        </p>
      )}
      {sections.map((s) => (
        <section key={s.key} aria-label={`${s.title} (${agenda.service.name})`} data-testid={`weekly-${s.key}`} className="weekly-section min-w-0 break-inside-avoid">
          <H className="border-b border-slate-300 text-base font-semibold dark:border-slate-700">
            {s.title} {s.key !== "other" && <span className="text-sm font-normal text-slate-700 dark:text-slate-400">({s.lines.length})</span>}
          </H>
          {s.lines.length === 0 ? (
            <p className="text-sm text-slate-700 dark:text-slate-400">{s.empty}</p>
          ) : (
            <ul className="mt-1 space-y-1.5">
              {s.lines.map((line) => (
                <AgendaLine
                  key={line.key}
                  due={s.key === "releasesDue" || s.key === "countermeasuresDue"}
                  agenda={agenda}
                  line={line}
                  base={base}
                  notes={agenda.notes[line.key]}
                  actionsById={actionsById}
                  permissions={permissions}
                  onChanged={onChanged}
                />
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}

function AgendaLine({
  due,
  agenda,
  line,
  base,
  notes,
  actionsById,
  permissions,
  onChanged,
}: {
  due: boolean;
  agenda: TWeeklyAgenda;
  line: Line;
  base: string;
  notes: TWeeklyAgenda["notes"][string] | undefined;
  actionsById: ReadonlyMap<string, Line>;
  permissions: WeeklyPermissions;
  onChanged: () => void;
}) {
  const late = line.flag === "overdue" || line.flag === "past its target date" || line.flag === "not entered";
  return (
    <li data-testid="agenda-line" data-line={line.key} className="text-sm">
      <div className="flex flex-wrap items-baseline gap-x-2">
        {line.problemId ? (
          <Link href={`${base}/kaizen/${line.problemId}`} className="break-words underline underline-offset-2">
            {line.text}
          </Link>
        ) : (
          <span className={`break-words ${line.action?.done ? "line-through" : ""}`}>{line.text}</span>
        )}
        {line.flag && (
          <span className={`rounded px-1 text-xs font-medium ${late ? "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100" : "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200"}`}>{line.flag}</span>
        )}
        {line.at && !line.action && <span className="text-xs text-slate-700 dark:text-slate-400">{due ? `due ${dayOf(line.at)}` : when(line.at)}</span>}
      </div>
      {line.kpi && <KpiEntry agenda={agenda} kpi={line.kpi} permissions={permissions} onChanged={onChanged} />}
      {line.action && <ActionDone key={line.action.version} action={line.action} text={line.text} permissions={permissions} onChanged={onChanged} />}
      {notes && (
        <ul className="mt-0.5 ml-3 border-l-2 border-slate-400 pl-2">
          {notes.decisions.map((d) => (
            <li key={d.id} data-testid="weekly-decision">
              <strong>Decision:</strong> {d.text}
              {d.byName && <span className="text-xs text-slate-700 dark:text-slate-400"> — {d.byName}</span>}
            </li>
          ))}
          {notes.actionIds.map((id) => {
            const a = actionsById.get(id);
            return a && a.key !== line.key ? (
              <li key={id} data-testid="weekly-line-action">
                <strong>Action:</strong> {a.text}
              </li>
            ) : null;
          })}
        </ul>
      )}
      {permissions.record && <RecordForm agenda={agenda} line={line} onChanged={onChanged} />}
    </li>
  );
}

function RecordForm({ agenda, line, onChanged }: { agenda: TWeeklyAgenda; line: Line; onChanged: () => void }) {
  const id = useId();
  const [kind, setKind] = useState<"decision" | "action">("decision");
  const [text, setText] = useState("");
  const [ownerId, setOwnerId] = useState("");
  // Due by the next meeting: a week from today (a Friday of the meeting's week may be past already).
  const [dueDate, setDueDate] = useState(() => new Date(Math.max(Date.now(), new Date(agenda.from).getTime()) + 7 * 86_400_000).toISOString().slice(0, 10));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const { busy, run } = useSubmit();

  const submit = () =>
    run(async () => {
      const body = { week: agenda.week, lineKey: line.key, lineText: line.text, text, ...(kind === "action" ? { ownerId, dueDate } : {}) };
      const res = await callApi("POST", `/api/v1/services/${encodeURIComponent(agenda.service.id)}/weekly/${kind === "action" ? "actions" : "decisions"}`, body);
      if (!res.ok) {
        setErrors(fieldErrors(res));
        setError(res.message);
        return;
      }
      setErrors({});
      setError(null);
      setText("");
      setOpen(false);
      onChanged();
    });

  return (
    <details data-print="hide" className="mt-0.5" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary className="inline-block cursor-pointer rounded px-1 text-xs font-medium text-blue-800 underline underline-offset-2 dark:text-blue-300">Record a decision or action</summary>
      <form
        aria-label={`Record against: ${line.text}`}
        className="mt-1 grid gap-1.5 rounded border border-slate-300 p-2 sm:grid-cols-[auto_1fr] sm:items-center dark:border-slate-700"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset className="flex gap-3 sm:col-span-2">
          <legend className="sr-only">What to record</legend>
          {(["decision", "action"] as const).map((k) => (
            <label key={k} className="flex items-center gap-1">
              <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
              {k === "decision" ? "Decision" : "Action"}
            </label>
          ))}
        </fieldset>
        <label htmlFor={`${id}-text`} className="font-medium">
          {kind === "decision" ? "What was decided" : "What is to be done"}
        </label>
        <div>
          <input id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} className="w-full rounded border border-slate-400 px-2 py-1 dark:bg-slate-900" {...fieldAria(`${id}-text-error`, errors.text)} />
          <FieldError id={`${id}-text-error`} message={errors.text} />
        </div>
        {kind === "action" && (
          <>
            <label htmlFor={`${id}-owner`} className="font-medium">
              Owner
            </label>
            <div>
              <select id={`${id}-owner`} value={ownerId} onChange={(e) => setOwnerId(e.target.value)} className="rounded border border-slate-400 px-2 py-1 dark:bg-slate-900" {...fieldAria(`${id}-owner-error`, errors.ownerId)}>
                <option value="">Choose a person</option>
                {agenda.members.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
              <FieldError id={`${id}-owner-error`} message={errors.ownerId} />
            </div>
            <label htmlFor={`${id}-due`} className="font-medium">
              Due
            </label>
            <div>
              <input id={`${id}-due`} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} className="rounded border border-slate-400 px-2 py-1 dark:bg-slate-900" {...fieldAria(`${id}-due-error`, errors.dueDate)} />
              <FieldError id={`${id}-due-error`} message={errors.dueDate} />
            </div>
          </>
        )}
        <div className="sm:col-span-2">
          <SubmitButton busy={busy} busyLabel="Recording…" className={BUTTON}>
            Record {kind}
          </SubmitButton>
          {error && Object.keys(errors).length === 0 && (
            <p role="alert" className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">
              {error}
            </p>
          )}
        </div>
      </form>
    </details>
  );
}

function ActionDone({ action, text, permissions, onChanged }: { action: NonNullable<Line["action"]>; text: string; permissions: WeeklyPermissions; onChanged: () => void }) {
  const may = permissions.record || (permissions.works && permissions.userId === action.ownerId);
  const [error, setError] = useState<string | null>(null);
  // Ticked at once; the refetch after the command brings the action's state (or the refusal).
  const [pending, setPending] = useState<boolean | null>(null);
  const { busy, run } = useSubmit();
  if (!may) return null;
  const toggle = () =>
    run(async () => {
      setPending(!action.done);
      const res = await callApi("PATCH", `/api/v1/weekly-actions/${encodeURIComponent(action.id)}`, { version: action.version, done: !action.done });
      setError(res.ok ? null : res.message);
      // Refused: back to what the server has. Saved: the refetched action's new version remounts this.
      if (!res.ok) setPending(null);
      onChanged();
    });
  return (
    <div data-print="hide">
      <label className="inline-flex items-center gap-1 text-xs">
        <input type="checkbox" checked={pending ?? action.done} disabled={busy} onChange={() => void toggle()} aria-label={`Done: ${text}`} />
        Done
      </label>
      {error && (
        <p role="alert" className="text-sm font-medium text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

function KpiEntry({ agenda, kpi, permissions, onChanged }: { agenda: TWeeklyAgenda; kpi: NonNullable<Line["kpi"]>; permissions: WeeklyPermissions; onChanged: () => void }) {
  const id = useId();
  const [value, setValue] = useState(kpi.value === null ? "" : String(kpi.value));
  const [error, setError] = useState<string | undefined>();
  const { busy, run } = useSubmit();
  if (!holderMayRecordKpi(permissions.kaizen, { ownerId: kpi.ownerId })) {
    return kpi.value === null ? null : <p className="text-xs">This week: {kpi.value}</p>;
  }
  const save = () =>
    run(async () => {
      const n = value.trim() === "" ? Number.NaN : Number(value.replace(",", "."));
      const res = await callApi("PUT", `/api/v1/problems/${encodeURIComponent(kpi.problemId)}/kpi-values`, { week: agenda.from.slice(0, 10), value: Number.isFinite(n) ? n : value });
      if (!res.ok) {
        setError(fieldErrors(res).value ?? res.message);
        return;
      }
      setError(undefined);
      onChanged();
    });
  return (
    <form
      className="mt-0.5 flex flex-wrap items-center gap-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={`${id}-kpi`} className="text-xs">
        {kpi.name} this week
      </label>
      <input id={`${id}-kpi`} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} className="w-24 rounded border border-slate-400 px-1.5 py-0.5 dark:bg-slate-900" {...fieldAria(`${id}-kpi-error`, error)} />
      <span data-print="hide">
        <SubmitButton busy={busy} busyLabel="Saving…" className={BUTTON}>
          Save
        </SubmitButton>
      </span>
      <FieldError id={`${id}-kpi-error`} message={error} />
    </form>
  );
}
