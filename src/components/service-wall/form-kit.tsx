"use client";

import { useId, useState, type ReactNode } from "react";
import { callApi, fieldErrors } from "@/lib/api-client";
import { FieldError, fieldAria } from "@/components/ui/field-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { useSubmit } from "@/components/ui/use-submit";

// The service wall's forms share one shape: send through callApi, show the API's sentence (a
// 400 names each wrong field, next to it; a 409/422 says what changed or what refused it), keep
// the button disabled while the request runs, and tell the wall to read itself again.

export const inputClass =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-base text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";
export const buttonClass =
  "rounded-md bg-sky-700 px-3 py-1.5 text-base font-semibold text-white hover:bg-sky-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-60";
export const quietButtonClass =
  "rounded-md border border-slate-300 px-3 py-1.5 text-base font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800";

export type ApiForm = {
  busy: boolean;
  error: string | null;
  fields: Record<string, string>;
  send: (method: string, path: string, body: unknown) => Promise<boolean>;
  clear: () => void;
};

/** One form's request state; `send` answers whether it was written (and calls onDone either way). */
export function useApiForm(onDone: () => void): ApiForm {
  const { busy, run } = useSubmit();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const send = async (method: string, path: string, body: unknown) =>
    (await run(async () => {
      setError(null);
      setFields({});
      const res = await callApi(method, path, body);
      if (res.ok) {
        onDone();
        return true;
      }
      const byField = fieldErrors(res);
      setFields(byField);
      setError(Object.keys(byField).length > 0 ? "Some fields need attention: see the messages next to them." : res.message);
      // A conflict or a refusal: show the wall as it is now.
      if (res.status === 409 || res.status === 422) onDone();
      return false;
    })) ?? false;
  return { busy, error, fields, send, clear: () => (setError(null), setFields({})) };
}

/** A labelled field with the API's message for it under it. */
export function Field({
  label,
  name,
  form,
  className = "",
  children,
}: {
  label: string;
  name: string;
  form: ApiForm;
  className?: string;
  children: (aria: { id: string } & ReturnType<typeof fieldAria>) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const message = form.fields[name];
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      {children({ id, ...fieldAria(errorId, message) })}
      <FieldError id={errorId} message={message} />
    </div>
  );
}

export function FormError({ form }: { form: ApiForm }) {
  if (!form.error) return null;
  return (
    <p role="alert" className="rounded-md bg-red-100 px-3 py-2 text-base font-medium text-red-900 sm:col-span-full dark:bg-red-950 dark:text-red-100">
      {form.error}
    </p>
  );
}

export function Submit({ form, children, busyLabel }: { form: ApiForm; children: ReactNode; busyLabel: string }) {
  return (
    <SubmitButton busy={form.busy} busyLabel={busyLabel} className={buttonClass}>
      {children}
    </SubmitButton>
  );
}

/** A form that opens from a button (closed by default so the wall stays readable), Escape closes it. */
export function Disclosure({ label, children }: { label: string; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} className={quietButtonClass} aria-expanded={false}>
        {label}
      </button>
    );
  return (
    <div
      className="rounded-lg border border-slate-200 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-950"
      onKeyDown={(e) => {
        if (e.key === "Escape") setOpen(false);
      }}
    >
      {children(() => setOpen(false))}
    </div>
  );
}

export const api = (serviceId: string, rest: string) => `/api/v1/services/${encodeURIComponent(serviceId)}${rest}`;

export function Panel({ title, id, summary, children }: { title: string; id: string; summary?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex min-w-0 flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-900">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-xl font-bold">
          {title}
        </h2>
        {summary}
      </div>
      {children}
    </section>
  );
}

export const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");
export const money = (n: number | null) => (n === null ? "—" : Math.round(n).toLocaleString("en-US"));
