"use client";

import { useEffect, useId, useRef, useState } from "react";

// Pulling the andon asks why; releasing it asks for the countermeasure taken. A native modal
// <dialog>: the browser traps and returns focus, Escape cancels (not while the request runs).

export type AndonRequest =
  | { kind: "pull"; stageId: string; stageName: string; itemId?: string; itemTitle?: string }
  | { kind: "release"; andonId: string; stageName: string; reason: string };

type Props = {
  request: AndonRequest;
  busy: boolean;
  error: string | null;
  onConfirm: (text: string) => void;
  onCancel: () => void;
};

export function AndonDialog({ request, busy, error, onConfirm, onCancel }: Props) {
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

  const pull = request.kind === "pull";
  const where = pull && request.itemTitle ? `“${request.itemTitle}” in ${request.stageName}` : request.stageName;
  const heading = pull ? `Pull the andon on ${where}?` : `Release the andon on ${request.stageName}?`;
  const description = pull
    ? `The line stops at ${request.stageName}: it accepts no new items from upstream until the andon is released, every wall shows it, and a Kaizen problem is opened.`
    : `Pulled because: ${request.reason}. Say what was done so the line can run again; the Kaizen problem stays open for the root cause.`;
  const max = pull ? 500 : 2000;

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={descId}
      data-testid="andon-dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <form
        className="flex flex-col gap-4 p-6"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim() && !busy) onConfirm(text.trim());
        }}
      >
        <h2 id={titleId} className="text-xl font-bold">
          {heading}
        </h2>
        <p id={descId} className="text-base text-slate-700 dark:text-slate-300">
          {description}
        </p>
        <div className="flex flex-col gap-1">
          <label htmlFor={fieldId} className="text-sm font-semibold">
            {pull ? "Reason (what is wrong)" : "Countermeasure taken"}
          </label>
          <textarea
            id={fieldId}
            // Opened by the person's own click: the one field is where they want to be.
            autoFocus
            required
            maxLength={max}
            rows={3}
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => setText(e.target.value)}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-base focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:bg-slate-800"
          />
        </div>
        {error && (
          <p id={errorId} role="alert" className="rounded-md bg-red-100 px-3 py-2 text-base font-medium text-red-900 dark:bg-red-950 dark:text-red-100">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-3">
          <button
            type="button"
            disabled={busy}
            onClick={onCancel}
            className="rounded-md border border-slate-300 px-4 py-2 text-base font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Cancel
          </button>
          <button
            type="submit"
            disabled={busy || !text.trim()}
            className={`rounded-md px-4 py-2 text-base font-semibold text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-60 ${
              pull ? "bg-red-700 hover:bg-red-800" : "bg-emerald-700 hover:bg-emerald-800"
            }`}
          >
            {busy ? (pull ? "Pulling…" : "Releasing…") : pull ? "Pull andon" : "Release andon"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
