"use client";

import { useState } from "react";
import type { ErrorBody } from "@/lib/errors";
import { CHANGE_SOURCES, LEVELS } from "@/lib/schemas/rfc";

const SOURCE_LABEL: Record<(typeof CHANGE_SOURCES)[number], string> = {
  MAINTENANCE: "Maintenance",
  CUSTOMER_SERVICE: "Customer service",
  MONITORING: "Monitoring",
  SUPPORT: "Support",
  OTHER: "Other",
};

const input =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-base dark:border-slate-600 dark:bg-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500";

export function RaiseRfcForm({ serviceId, onRaised }: { serviceId: string; onRaised: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      aria-label="Raise a request for change"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 dark:border-slate-700 dark:bg-slate-900"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        setBusy(true);
        const data = Object.fromEntries(new FormData(form).entries());
        const res = await fetch(`/api/v1/services/${encodeURIComponent(serviceId)}/rfcs`, {
          method: "POST",
          credentials: "same-origin",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(data),
        }).catch(() => null);
        setBusy(false);
        if (res?.ok) {
          form.reset();
          setError(null);
          onRaised();
          return;
        }
        const body = (await res?.json().catch(() => null)) as ErrorBody | null;
        setError(body?.error.message ?? "The request could not be raised: the server did not answer.");
      }}
    >
      <h2 className="text-xl font-semibold sm:col-span-2">Raise a request for change</h2>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Kind
        <select name="kind" className={input} defaultValue="RFC">
          <option value="RFC">Request for change</option>
          <option value="MAINTENANCE">Maintenance activity</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Raised from
        <select name="source" className={input} defaultValue="CUSTOMER_SERVICE">
          {CHANGE_SOURCES.map((s) => (
            <option key={s} value={s}>
              {SOURCE_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium sm:col-span-2">
        Title
        <input name="title" required maxLength={200} className={input} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        What should change
        <textarea name="what" required rows={3} className={input} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Why
        <textarea name="why" required rows={3} className={input} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium sm:col-span-2">
        Impact
        <input name="impact" className={input} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Risk
        <select name="risk" className={input} defaultValue="MEDIUM">
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l.toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Urgency
        <select name="urgency" className={input} defaultValue="MEDIUM">
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l.toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p role="alert" className="rounded bg-red-100 px-3 py-2 text-red-900 sm:col-span-2 dark:bg-red-950 dark:text-red-100">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} className="justify-self-start rounded-md bg-sky-700 px-4 py-2 font-semibold text-white hover:bg-sky-600 disabled:opacity-60">
        Raise
      </button>
    </form>
  );
}
