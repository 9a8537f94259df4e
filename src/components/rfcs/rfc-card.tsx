"use client";

import Link from "next/link";
import { useState } from "react";
import { APPROVAL_KEYS, isWaitingTooLong, keysOpenTo, KEY_LABEL, type ApprovalKey } from "@/domain/approvals";
import type { TRfc } from "@/lib/schemas/rfc";

type Props = {
  rfc: TRfc;
  serviceKey: string;
  userId: string | null;
  held: readonly ApprovalKey[];
  now: number;
  onDecide: (rfc: TRfc, role: ApprovalKey, decision: "APPROVE" | "REJECT", reason?: string) => Promise<void>;
};

const STATUS_LOOK = {
  PENDING: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  APPROVED: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  REJECTED: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
} as const;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function RfcCard({ rfc, serviceKey, userId, held, now, onDecide }: Props) {
  const [rejecting, setRejecting] = useState<ApprovalKey | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const waitingTooLong = isWaitingTooLong({ status: rfc.status, createdAt: new Date(rfc.createdAt) }, new Date(now));
  const open = userId ? keysOpenTo({ status: rfc.status, approvals: rfc.approvals, raisedById: rfc.raisedById }, userId, held) : [];
  const decide = async (role: ApprovalKey, decision: "APPROVE" | "REJECT", why?: string) => {
    setBusy(true);
    await onDecide(rfc, role, decision, why);
    setBusy(false);
    setRejecting(null);
    setReason("");
  };
  return (
    <article
      data-testid="rfc-card"
      data-status={rfc.status}
      aria-label={rfc.title}
      className={`rounded-lg border bg-white p-4 shadow-sm dark:bg-slate-900 ${waitingTooLong ? "border-l-8 border-amber-500" : "border-slate-200 dark:border-slate-700"}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 className="text-lg font-semibold">
          <span className="mr-2 text-sm tracking-wide text-slate-500 uppercase">{rfc.kind === "MAINTENANCE" ? "Maintenance" : "RfC"}</span>
          {rfc.title}
        </h3>
        <span className={`rounded px-2 py-0.5 text-sm font-semibold ${STATUS_LOOK[rfc.status]}`} data-testid="rfc-status">
          {capital(rfc.status.toLowerCase())}
        </span>
      </div>
      {waitingTooLong && <p className="mt-1 font-semibold text-amber-800 dark:text-amber-300">Waiting for approval for more than 48 hours</p>}
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-base">
        <dt className="text-slate-500">What</dt>
        <dd>{rfc.what}</dd>
        <dt className="text-slate-500">Why</dt>
        <dd>{rfc.why}</dd>
        {rfc.impact && (
          <>
            <dt className="text-slate-500">Impact</dt>
            <dd>{rfc.impact}</dd>
          </>
        )}
        <dt className="text-slate-500">Source</dt>
        <dd>
          {capital(rfc.source.toLowerCase().replace("_", " "))} · risk {rfc.risk.toLowerCase()} · urgency {rfc.urgency.toLowerCase()}
          {rfc.raisedByName && ` · raised by ${rfc.raisedByName}`}
        </dd>
      </dl>
      <ul className="mt-3 grid gap-2 sm:grid-cols-2" aria-label="The two keys">
        {APPROVAL_KEYS.map((key) => {
          const turned = rfc.approvals.find((a) => a.role === key);
          return (
            <li key={key} className="rounded-md bg-slate-50 px-3 py-2 dark:bg-slate-800" data-testid={`key-${key}`}>
              <span className="font-medium">{capital(KEY_LABEL[key])}: </span>
              {turned ? (
                <span className={turned.decision === "APPROVE" ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>
                  {turned.decision === "APPROVE" ? "approved" : "rejected"} by {turned.userName}
                  {turned.reason && `: “${turned.reason}”`}
                </span>
              ) : (
                <span className="text-slate-600 dark:text-slate-400">{rfc.status === "PENDING" ? "waiting" : "not turned"}</span>
              )}
            </li>
          );
        })}
      </ul>
      {rfc.itemId && (
        <p className="mt-2">
          <Link className="text-sky-700 underline underline-offset-4 dark:text-sky-400" href={`/services/${serviceKey}/backlog`}>
            On the backlog
          </Link>
        </p>
      )}
      {rfc.status === "PENDING" && held.length > 0 && userId !== null && userId === rfc.raisedById && (
        <p className="mt-3 text-slate-700 dark:text-slate-300" data-testid="rfc-raised-by-you">
          You raised this change: a Service Master and a reliability engineer other than you decide it.
        </p>
      )}
      {open.length > 0 && (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          {open.map((role) => (
            <span key={role} className="flex gap-2">
              <button
                type="button"
                disabled={busy}
                onClick={() => void decide(role, "APPROVE")}
                className="rounded-md bg-emerald-700 px-3 py-1.5 font-semibold text-white hover:bg-emerald-600 disabled:opacity-60"
              >
                Approve as {KEY_LABEL[role]}
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() => setRejecting(role)}
                className="rounded-md border border-red-700 px-3 py-1.5 font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60 dark:text-red-300 dark:hover:bg-red-950"
              >
                Reject as {KEY_LABEL[role]}
              </button>
            </span>
          ))}
        </div>
      )}
      {rejecting && (
        <form
          className="mt-2 flex flex-wrap gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) void decide(rejecting, "REJECT", reason.trim());
          }}
        >
          <label className="flex min-w-64 flex-1 flex-col gap-1 text-sm font-medium">
            Why do you reject it?
            <input
              required
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className="rounded-md border border-slate-300 px-2 py-1.5 text-base dark:border-slate-600 dark:bg-slate-900"
            />
          </label>
          <button type="submit" className="self-end rounded-md bg-red-700 px-3 py-1.5 font-semibold text-white">
            Reject
          </button>
          <button type="button" onClick={() => setRejecting(null)} className="self-end px-2 py-1.5 underline underline-offset-4">
            Cancel
          </button>
        </form>
      )}
    </article>
  );
}
