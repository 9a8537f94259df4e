"use client";

import { useEffect, useId, useRef, useState } from "react";

// A move that needs a reason before the server takes it: past a WIP limit as an expedite, or
// back upstream as a rejection with the defect found. A native modal <dialog>: focus is trapped
// and returned by the browser, Escape cancels.

export type ReasonRequest =
  | { kind: "expedite"; itemTitle: string; stageName: string; count: number; limit: number }
  | { kind: "send-back"; itemTitle: string; fromStageName: string; stageName: string };

type Props = {
  request: ReasonRequest;
  busy: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
};

export function MoveReasonDialog({ request, busy, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  const titleId = useId();
  const descId = useId();
  const fieldId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const expedite = request.kind === "expedite";
  const heading = expedite ? "Move anyway as an expedite?" : `Send back to ${request.stageName}?`;
  const text = expedite
    ? `${request.stageName} is at its WIP limit ${request.count}/${request.limit}. Move “${request.itemTitle}” anyway as an expedite? It shows as a problem until ${request.stageName} is back within its limit.`
    : `Moving “${request.itemTitle}” from ${request.fromStageName} back upstream to ${request.stageName} is a rejection: say what is wrong so the stage can fix it.`;

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={descId}
      data-testid="move-reason-dialog"
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
          if (reason.trim() && !busy) onConfirm(reason.trim());
        }}
      >
        <h2 id={titleId} className="text-xl font-bold">
          {heading}
        </h2>
        <p id={descId} className="text-base text-slate-700 dark:text-slate-300">
          {text}
        </p>
        <div className="flex flex-col gap-1">
          <label htmlFor={fieldId} className="text-sm font-semibold">
            {expedite ? "Reason for the expedite" : "Defect found"}
          </label>
          <textarea
            id={fieldId}
            // The dialog opens on the person's own action: taking them to the one field is expected.
            autoFocus
            required
            maxLength={500}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-base focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:bg-slate-800"
          />
        </div>
        <div className="flex justify-end gap-3">
          <button
            type="button"
            onClick={onCancel}
            disabled={busy}
            className="rounded-md border border-slate-300 px-4 py-2 text-base font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Cancel
          </button>
          <button
            type="submit"
            disabled={busy || !reason.trim()}
            className="rounded-md bg-sky-700 px-4 py-2 text-base font-semibold text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-60"
          >
            {busy ? "Moving…" : expedite ? "Expedite" : "Send back"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
