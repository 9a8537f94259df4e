"use client";

import { useState, type FormEvent } from "react";
import type { TItemDetail } from "@/lib/schemas/item-detail";
import { callApi, type ApiFailure } from "@/lib/api-client";
import { itemPath } from "./api";
import { dangerButtonClass, formatUtc, inputClass, secondaryButtonClass } from "./format";

type Props = { detail: TItemDetail; canUpdate: boolean; canMove: boolean; onChanged: () => void };

function refusal(res: ApiFailure, what: string): string {
  if (res.status === 409) return `Someone else changed this item first; it has been reloaded. ${what} was not applied.`;
  return res.message;
}

/** The stage's definition of done (JKK) as checkboxes; ticking needs item.update. */
export function DoneCriteria({ detail, canUpdate, onChanged }: Omit<Props, "canMove">) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Shown ticked at once, and kept until the re-read detail arrives (a new `detail` object), so
  // the box does not flicker back between the server's answer and the re-read.
  const [optimisticFor, setOptimisticFor] = useState<{ detail: TItemDetail; values: Record<string, boolean> }>({ detail, values: {} });
  const optimistic = optimisticFor.detail === detail ? optimisticFor.values : {};

  async function toggle(criterionId: string, done: boolean) {
    setBusy(criterionId);
    setError(null);
    setOptimisticFor({ detail, values: { ...optimistic, [criterionId]: done } });
    const res = await callApi("PUT", itemPath(detail.item.id, `/criteria/${encodeURIComponent(criterionId)}`), { done });
    setBusy(null);
    if (!res.ok) {
      setError(res.message);
      setOptimisticFor((o) => {
        const { [criterionId]: _, ...rest } = o.values;
        return { detail: o.detail, values: rest };
      });
    }
    onChanged();
  }

  if (detail.criteria.length === 0) {
    return <p className="text-slate-600 dark:text-slate-400">{detail.stage.name} has no done-criteria: items may leave it at any time.</p>;
  }
  const met = detail.criteria.filter((c) => c.done).length;
  return (
    <div>
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400" data-testid="criteria-summary">
        {met} of {detail.criteria.length} met{met < detail.criteria.length ? ` — the item cannot leave ${detail.stage.name} yet` : ""}
      </p>
      <ul className="flex flex-col gap-2">
        {detail.criteria.map((c) => {
          const checked = optimistic[c.id] ?? c.done;
          return (
            <li key={c.id} className="flex items-start gap-3">
              <input
                type="checkbox"
                id={`criterion-${c.id}`}
                className="mt-1 size-5 accent-emerald-700"
                checked={checked}
                disabled={!canUpdate || busy !== null}
                onChange={(e) => void toggle(c.id, e.target.checked)}
              />
              <label htmlFor={`criterion-${c.id}`} className="flex flex-col">
                <span className={checked ? "" : "font-medium"}>{c.text}</span>
                {c.done && c.doneBy && (
                  <span className="text-sm text-slate-600 dark:text-slate-400">
                    met by {c.doneBy.name}, {formatUtc(c.doneAt)}
                  </span>
                )}
              </label>
            </li>
          );
        })}
      </ul>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

/** Block with a reason or unblock (item.update). */
export function BlockControl({ detail, canUpdate, onChanged }: Omit<Props, "canMove">) {
  const { item } = detail;
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const blocking = item.blockedReason === null;
    if (blocking && reason.trim() === "") {
      setError("Say why the item is blocked.");
      return;
    }
    setBusy(true);
    setError(null);
    const res = await callApi("PUT", itemPath(item.id, "/blocked"), { expectedVersion: item.version, reason: blocking ? reason.trim() : null });
    setBusy(false);
    if (!res.ok) setError(refusal(res, blocking ? "Blocking" : "Unblocking"));
    else setReason("");
    onChanged();
  }

  if (!canUpdate) return null;
  return (
    <form onSubmit={submit} className="flex flex-col gap-2" aria-label={item.blockedReason ? "Unblock the item" : "Block the item"} noValidate>
      {item.blockedReason === null ? (
        <>
          <label htmlFor="block-reason" className="text-sm font-medium">
            Block reason
          </label>
          <div className="flex gap-2">
            <input
              id="block-reason"
              className={inputClass}
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "block-error" : undefined}
              placeholder="e.g. waiting for the payment provider's sandbox"
            />
            <button type="submit" className={secondaryButtonClass} disabled={busy}>
              Block
            </button>
          </div>
        </>
      ) : (
        <div>
          <button type="submit" className={secondaryButtonClass} disabled={busy}>
            Unblock
          </button>
        </div>
      )}
      {error && (
        <p id="block-error" role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}

/** The receiving stage sends poor work back upstream with the defect found (item.move). */
export function SendBack({ detail, canMove, onChanged }: Omit<Props, "canUpdate">) {
  const upstream = detail.stages.filter((s) => !s.retired && s.position < detail.stage.position);
  const [to, setTo] = useState(upstream.at(-1)?.id ?? "");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ reason?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  if (!canMove || detail.stage.retired) return null;
  if (upstream.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">{detail.stage.name} is the first stage: there is nothing upstream.</p>;
  }
  const target = upstream.some((s) => s.id === to) ? to : upstream.at(-1)!.id;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim() === "") {
      setErrors({ reason: "Name the defect the upstream stage must fix." });
      return;
    }
    setBusy(true);
    setErrors({});
    const res = await callApi("POST", itemPath(detail.item.id, "/reject"), {
      toStageId: target,
      expectedVersion: detail.item.version,
      reason: reason.trim(),
    });
    setBusy(false);
    if (!res.ok) setErrors({ form: refusal(res, "Sending back") });
    else setReason("");
    onChanged();
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-2" aria-label="Send back upstream" noValidate>
      <div className="flex flex-col gap-1">
        <label htmlFor="reject-stage" className="text-sm font-medium">
          Upstream stage
        </label>
        <select id="reject-stage" className={inputClass} value={target} onChange={(e) => setTo(e.target.value)}>
          {upstream.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="reject-reason" className="text-sm font-medium">
          Defect found
        </label>
        <textarea
          id="reject-reason"
          className={inputClass}
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={errors.reason ? "reject-reason-error" : undefined}
        />
        {errors.reason && (
          <p id="reject-reason-error" className="text-sm text-red-700 dark:text-red-300">
            {errors.reason}
          </p>
        )}
      </div>
      <div>
        <button type="submit" className={dangerButtonClass} disabled={busy}>
          {busy ? "Sending back…" : "Send back upstream"}
        </button>
      </div>
      {errors.form && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errors.form}
        </p>
      )}
    </form>
  );
}
