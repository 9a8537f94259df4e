"use client";

import type { TServiceWall } from "@/lib/schemas/service-wall";
import { Disclosure, Field, FormError, Panel, Submit, api, day, inputClass, quietButtonClass, useApiForm } from "./form-kit";

type Row = TServiceWall["mri"]["rows"][number];
type Props = { wall: TServiceWall; canEdit: boolean; onChanged: () => void };

/** The minimum required information as a checklist: required or not, present, owner, review due, stale. */
export function MriPanel({ wall, canEdit, onChanged }: Props) {
  const { mri } = wall;
  return (
    <Panel
      title="Minimum required information"
      id="mri-heading"
      summary={
        <p className={`text-base font-semibold ${mri.complete && mri.stale === 0 ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}>
          {mri.present}/{mri.required} required present{mri.stale > 0 ? ` · ${mri.stale} stale` : ""}
        </p>
      }
    >
      <ul className="flex flex-col divide-y divide-slate-200 dark:divide-slate-700" aria-label="MRI entries">
        {mri.rows.map((row) => (
          <MriRow key={row.kind} row={row} wall={wall} canEdit={canEdit} onChanged={onChanged} />
        ))}
      </ul>
      {canEdit && <RequiredSetForm wall={wall} onChanged={onChanged} />}
    </Panel>
  );
}

function dueOn(entry: NonNullable<Row["entry"]>) {
  return new Date(Date.parse(entry.reviewedAt) + entry.reviewIntervalDays * 86_400_000).toISOString();
}

function MriRow({ row, wall, canEdit, onChanged }: { row: Row; wall: TServiceWall; canEdit: boolean; onChanged: () => void }) {
  const e = row.entry;
  const review = useApiForm(onChanged);
  const state = !e ? (row.required ? "missing" : "not kept") : e.stale ? "stale" : "ok";
  const mark = state === "ok" ? "✓" : state === "stale" ? "!" : state === "missing" ? "✗" : "–";
  const tone =
    state === "ok"
      ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
      : state === "not kept"
        ? "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"
        : "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100";
  return (
    <li data-testid="mri-row" data-kind={row.kind} data-state={state} className="flex flex-col gap-2 py-3">
      <div className="flex flex-wrap items-start gap-3">
        <span aria-hidden="true" className={`flex size-7 shrink-0 items-center justify-center rounded-full text-base font-bold ${tone}`}>
          {mark}
        </span>
        <div className="min-w-0 flex-1">
          <h3 className="text-base font-semibold">
            {row.kind} · {row.label}
            {!row.required && <span className="ml-2 text-sm font-normal text-slate-600 dark:text-slate-400">(not required)</span>}
          </h3>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {e ? (
              <>
                <span className={state === "stale" ? "font-semibold text-red-800 dark:text-red-300" : undefined}>
                  {state === "stale" ? "Stale: review was due " : "Review due "}
                  {day(dueOn(e))}
                </span>{" "}
                · owner {e.ownerName ?? "nobody"} · last reviewed {day(e.reviewedAt)}
              </>
            ) : (
              <span className={row.required ? "font-semibold text-red-800 dark:text-red-300" : undefined}>{row.required ? "Missing" : "Not kept"}</span>
            )}
          </p>
          {e && <p className="mt-1 line-clamp-3 whitespace-pre-line text-base">{e.content}</p>}
        </div>
      </div>
      {canEdit && (
        <div className="flex flex-wrap items-start gap-2 pl-10">
          {e && (
            <button
              type="button"
              disabled={review.busy}
              className={quietButtonClass}
              onClick={() => void review.send("POST", api(wall.service.id, `/mri/${row.kind}/review`), { expectedVersion: e.version })}
            >
              Mark {row.kind} reviewed
            </button>
          )}
          <Disclosure label={e ? `Edit ${row.kind}` : `Write ${row.kind}`}>{(close) => <MriEntryForm row={row} wall={wall} onChanged={onChanged} close={close} />}</Disclosure>
          <FormError form={review} />
        </div>
      )}
    </li>
  );
}

function MriEntryForm({ row, wall, onChanged, close }: { row: Row; wall: TServiceWall; onChanged: () => void; close: () => void }) {
  const form = useApiForm(onChanged);
  const e = row.entry;
  return (
    <form
      aria-label={`${row.kind} ${row.label}`}
      className="grid gap-3 sm:grid-cols-2"
      onSubmit={async (ev) => {
        ev.preventDefault();
        const data = new FormData(ev.currentTarget);
        const ok = await form.send("PUT", api(wall.service.id, `/mri/${row.kind}`), {
          content: String(data.get("content") ?? ""),
          ownerId: String(data.get("ownerId") ?? "") || null,
          reviewIntervalDays: Number(data.get("reviewIntervalDays")),
          ...(e ? { expectedVersion: e.version } : {}),
        });
        if (ok) close();
      }}
    >
      <Field label="Content" name="content" form={form} className="sm:col-span-2">
        {(a) => <textarea {...a} name="content" required rows={4} autoFocus defaultValue={e?.content ?? ""} maxLength={20_000} className={inputClass} />}
      </Field>
      <Field label="Owner" name="ownerId" form={form}>
        {(a) => (
          <select {...a} name="ownerId" defaultValue={e?.ownerId ?? ""} className={inputClass}>
            <option value="">Nobody</option>
            {wall.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Review every (days)" name="reviewIntervalDays" form={form}>
        {(a) => <input {...a} name="reviewIntervalDays" type="number" min={1} max={3650} required defaultValue={e?.reviewIntervalDays ?? 90} className={inputClass} />}
      </Field>
      <FormError form={form} />
      <div className="flex gap-2 sm:col-span-2">
        <Submit form={form} busyLabel="Saving…">
          Save {row.kind}
        </Submit>
        <button type="button" onClick={close} className={quietButtonClass}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RequiredSetForm({ wall, onChanged }: { wall: TServiceWall; onChanged: () => void }) {
  return (
    <Disclosure label="Choose required entries">
      {(close) => <RequiredSetFields wall={wall} onChanged={onChanged} close={close} />}
    </Disclosure>
  );
}

function RequiredSetFields({ wall, onChanged, close }: { wall: TServiceWall; onChanged: () => void; close: () => void }) {
  const form = useApiForm(onChanged);
  return (
    <form
      aria-label="Required MRI entries"
      className="flex flex-col gap-3"
      onSubmit={async (ev) => {
        ev.preventDefault();
        const kinds = new FormData(ev.currentTarget).getAll("kinds").map(String);
        if (await form.send("PUT", api(wall.service.id, "/mri-required"), { kinds, expectedVersion: wall.service.version })) close();
      }}
    >
      <fieldset className="grid grid-cols-1 gap-1 sm:grid-cols-2">
        <legend className="mb-1 text-sm font-semibold">What this service must keep (the method says it depends on the business)</legend>
        {wall.mri.rows.map((r, i) => (
          <label key={r.kind} className="flex items-center gap-2 text-base">
            <input type="checkbox" name="kinds" value={r.kind} defaultChecked={r.required} autoFocus={i === 0} className="size-4" />
            {r.kind} · {r.label}
          </label>
        ))}
      </fieldset>
      <FormError form={form} />
      <div className="flex gap-2">
        <Submit form={form} busyLabel="Saving…">
          Save required set
        </Submit>
        <button type="button" onClick={close} className={quietButtonClass}>
          Cancel
        </button>
      </div>
    </form>
  );
}
