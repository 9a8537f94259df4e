"use client";

import type { ReactNode } from "react";

// Small form primitives shared by the admin and token pages: labelled, focus-visible, errors announced.
export const inputClass =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-700 dark:bg-slate-950";
export const buttonClass =
  "inline-flex items-center justify-center rounded-md bg-sky-700 px-3 py-2 text-sm font-semibold text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-60";
export const secondaryButtonClass =
  "inline-flex items-center justify-center rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800";

export function Section({ id, title, description, children }: { id: string; title: string; description?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {description && <p className="mt-1 mb-4 text-sm text-slate-600 dark:text-slate-400">{description}</p>}
      {children}
    </section>
  );
}

export function Field({ label, htmlFor, hint, children }: { label: string; htmlFor: string; hint?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={htmlFor} className="text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && <span className="text-xs text-slate-500 dark:text-slate-400">{hint}</span>}
    </div>
  );
}

/** An outcome line: errors as alerts (read out at once), successes as polite status. */
export function Outcome({ error, success }: { error: string | null; success?: string | null }) {
  if (error) {
    return (
      <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
        {error}
      </p>
    );
  }
  return (
    <p role="status" className="mt-3 text-sm text-emerald-700 empty:hidden dark:text-emerald-400">
      {success ?? ""}
    </p>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">{children}</p>;
}

/** A secret shown once: read-only, selected on focus, with a copy button. */
export function OneTimeSecret({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950" data-testid="one-time-secret">
      <label className="text-sm font-semibold" htmlFor="one-time-secret">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <input id="one-time-secret" readOnly value={value} onFocus={(e) => e.currentTarget.select()} className={`${inputClass} font-mono`} />
        <button type="button" className={secondaryButtonClass} onClick={() => void navigator.clipboard?.writeText(value)}>
          Copy
        </button>
      </div>
      <p className="mt-1 text-xs text-amber-900 dark:text-amber-200">{note}</p>
    </div>
  );
}
