"use client";

import { useEffect, useId, useRef, useState } from "react";

// An action that needs one sentence from the person before it runs: why the andon is pulled,
// the countermeasure taken, the expedite's reason, the defect found. A native modal <dialog>:
// the browser traps focus and gives it back, Escape cancels (not while the request runs).

type Props = {
  testId: string;
  heading: string;
  description: string;
  label: string;
  maxLength: number;
  busy: boolean;
  error?: string | null;
  confirmLabel: string;
  busyLabel: string;
  /** Colours of the confirm button (its meaning: red stops, green restarts, blue goes on). */
  confirmClassName: string;
  onConfirm: (text: string) => void;
  onCancel: () => void;
};

export function ReasonDialog(p: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState("");
  const titleId = useId();
  const descId = useId();
  const fieldId = useId();
  const errorId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={descId}
      data-testid={p.testId}
      onCancel={(e) => {
        e.preventDefault();
        if (!p.busy) p.onCancel();
      }}
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <form
        className="flex flex-col gap-4 p-6"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim() && !p.busy) p.onConfirm(text.trim());
        }}
      >
        <h2 id={titleId} className="text-xl font-bold">
          {p.heading}
        </h2>
        <p id={descId} className="text-base text-slate-700 dark:text-slate-300">
          {p.description}
        </p>
        <div className="flex flex-col gap-1">
          <label htmlFor={fieldId} className="text-sm font-semibold">
            {p.label}
          </label>
          <textarea
            id={fieldId}
            // Opened by the person's own action: the one field is where they want to be.
            autoFocus
            required
            maxLength={p.maxLength}
            rows={3}
            value={text}
            aria-invalid={p.error ? true : undefined}
            aria-describedby={p.error ? errorId : undefined}
            onChange={(e) => setText(e.target.value)}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-base focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:bg-slate-800"
          />
        </div>
        {p.error && (
          <p id={errorId} role="alert" className="rounded-md bg-red-100 px-3 py-2 text-base font-medium text-red-900 dark:bg-red-950 dark:text-red-100">
            {p.error}
          </p>
        )}
        <div className="flex justify-end gap-3">
          <button
            type="button"
            disabled={p.busy}
            onClick={p.onCancel}
            className="rounded-md border border-slate-300 px-4 py-2 text-base font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Cancel
          </button>
          <button
            type="submit"
            disabled={p.busy || !text.trim()}
            className={`rounded-md px-4 py-2 text-base font-semibold text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-60 ${p.confirmClassName}`}
          >
            {p.busy ? p.busyLabel : p.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
