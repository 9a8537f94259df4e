"use client";

import { useState } from "react";
import type { TGateCriterion } from "@/lib/schemas/release";
import { callApi } from "@/lib/api-client";
import { SubmitButton } from "@/components/ui/submit-button";
import { useSubmit } from "@/components/ui/use-submit";

const input = "rounded border border-slate-300 bg-white px-2 py-0.5 dark:border-slate-600 dark:bg-slate-800";

/** Create a release: a version name and an optional target day (UTC). */
export function NewReleaseForm({ serviceId, onChanged }: { serviceId: string; onChanged: () => void }) {
  const [name, setName] = useState("");
  const [targetDate, setTargetDate] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await callApi("POST", `/api/v1/services/${serviceId}/releases`, { name, targetDate: targetDate || null });
    setBusy(false);
    if (res.ok) {
      setName("");
      setTargetDate("");
    } else setError(res.message);
    onChanged();
  }

  return (
    <form onSubmit={submit} aria-label="New release" data-print="hide" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm dark:bg-slate-900">
      <label className="flex flex-col text-sm">
        <span className="font-medium">Version name</span>
        <input required value={name} onChange={(e) => setName(e.target.value)} maxLength={60} className={input} />
      </label>
      <label className="flex flex-col text-sm">
        <span className="font-medium">Target date (UTC)</span>
        <input type="date" value={targetDate} onChange={(e) => setTargetDate(e.target.value)} className={input} />
      </label>
      <button type="submit" disabled={busy} className="rounded bg-sky-700 px-3 py-1 font-semibold text-white disabled:opacity-50">
        Create release
      </button>
      {error && (
        <p role="alert" className="w-full text-sm text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}

/** The service's gate criteria with what each requires; a configurer may add the team's own. */
export function GateCriteriaPanel({
  serviceId,
  criteria,
  canConfigure,
  onChanged,
}: {
  serviceId: string;
  criteria: TGateCriterion[];
  canConfigure: boolean;
  onChanged: () => void;
}) {
  const [key, setKey] = useState("");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useSubmit();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await callApi("POST", `/api/v1/services/${serviceId}/gate-criteria`, { key, name, description });
    if (res.ok) {
      setKey("");
      setName("");
      setDescription("");
    } else setError(res.message);
    onChanged();
  }

  return (
    <section aria-label="Gate criteria" className="rounded-lg bg-white p-4 shadow-sm dark:bg-slate-900">
      <h2 className="mb-2 text-lg font-bold">Gate criteria</h2>
      {criteria.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          The defaults (security, compliance, operations readiness, process views) are added with the first release.
        </p>
      ) : (
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
          {criteria.map((c) => (
            <div key={c.id} className="contents">
              <dt className="font-semibold">{c.name}</dt>
              <dd className="text-slate-700 dark:text-slate-300">{c.description}</dd>
            </div>
          ))}
        </dl>
      )}
      {canConfigure && (
        <form onSubmit={(e) => { e.preventDefault(); void run(() => submit(e)); }} aria-label="New gate criterion" data-print="hide" className="mt-3 flex flex-wrap items-end gap-2 text-sm">
          <label className="flex flex-col">
            <span className="font-medium">Key</span>
            <input required value={key} onChange={(e) => setKey(e.target.value)} pattern="[a-z0-9]+(-[a-z0-9]+)*" className={input} />
          </label>
          <label className="flex flex-col">
            <span className="font-medium">Name</span>
            <input required value={name} onChange={(e) => setName(e.target.value)} className={input} />
          </label>
          <label className="flex grow flex-col">
            <span className="font-medium">What must be true</span>
            <input required value={description} onChange={(e) => setDescription(e.target.value)} className={input} />
          </label>
          <SubmitButton busy={busy} className="rounded bg-sky-700 px-3 py-1 font-semibold text-white disabled:opacity-50">
            Add criterion
          </SubmitButton>
          {error && (
            <p role="alert" className="w-full text-red-800 dark:text-red-300">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
