"use client";

import { useState, type FormEvent } from "react";
import type { TWorkItem } from "@/lib/schemas/item";
import type { TItemDetail } from "@/lib/schemas/item-detail";
import { callApi, fieldErrors } from "@/lib/api-client";
import { itemPath } from "./api";
import { buttonClass, formatNumber, formatUtc, inputClass, KIND_LABEL, secondaryButtonClass } from "./format";

type Props = {
  detail: TItemDetail;
  canEdit: boolean;
  onChanged: () => void;
};

type Draft = { title: string; description: string; businessValue: string; costEstimate: string };

const toDraft = (i: Pick<TWorkItem, "title" | "description" | "businessValue" | "costEstimate">): Draft => ({
  title: i.title,
  description: i.description,
  businessValue: i.businessValue === null ? "" : String(i.businessValue),
  costEstimate: i.costEstimate === null ? "" : String(i.costEstimate),
});

/** Every field of the item; Edit (item.update) opens a form that names the version it saw. */
export function ItemFields({ detail, canEdit, onChanged }: Props) {
  const { item } = detail;
  const [draft, setDraft] = useState<Draft | null>(null);
  // The version the form saves against: the item's when opened, theirs after a conflict.
  const [baseVersion, setBaseVersion] = useState(item.version);
  const [theirs, setTheirs] = useState<TWorkItem | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  function open() {
    setDraft(toDraft(item));
    setBaseVersion(item.version);
    setTheirs(null);
    setErrors({});
    setMessage(null);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    const number = (s: string) => (s.trim() === "" ? null : Number(s));
    const local: Record<string, string> = {};
    if (draft.title.trim() === "") local.title = "A title is required.";
    const value = number(draft.businessValue);
    if (value !== null && (!Number.isInteger(value) || value < 0)) local.businessValue = "A whole number, 0 or more.";
    const cost = number(draft.costEstimate);
    if (cost !== null && (!Number.isFinite(cost) || cost < 0)) local.costEstimate = "A number, 0 or more.";
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    setMessage(null);
    const res = await callApi<TWorkItem>("PATCH", itemPath(item.id), {
      expectedVersion: baseVersion,
      title: draft.title,
      description: draft.description,
      businessValue: value,
      costEstimate: cost,
    });
    setSaving(false);
    if (res.ok) {
      setDraft(null);
      setTheirs(null);
      onChanged();
      return;
    }
    if (res.status === 409) {
      const current = (res.details as { current?: TWorkItem | null } | null)?.current ?? null;
      setTheirs(current);
      if (current) setBaseVersion(current.version);
      setMessage(
        current
          ? "Someone else changed this item while you were editing. Their version is shown below; save again to replace it with yours."
          : "Someone else changed or removed this item while you were editing.",
      );
      onChanged();
      return;
    }
    if (res.status === 400) setErrors(fieldErrors(res));
    setMessage(res.message);
  }

  if (draft) {
    const field = (name: keyof Draft) => ({
      id: `item-${name}`,
      value: draft[name],
      "aria-invalid": errors[name] ? true : undefined,
      "aria-describedby": errors[name] ? `item-${name}-error` : undefined,
      onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
      className: inputClass,
    });
    const error = (name: keyof Draft) =>
      errors[name] ? (
        <p id={`item-${name}-error`} className="text-sm text-red-700 dark:text-red-300">
          {errors[name]}
        </p>
      ) : null;
    return (
      <form onSubmit={save} className="flex flex-col gap-3" aria-label="Edit item" noValidate>
        {message && (
          <div role="alert" className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100">
            <p className="font-semibold">{message}</p>
            {theirs && (
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1" data-testid="their-version">
                <dt>Title</dt>
                <dd>{theirs.title}</dd>
                <dt>Description</dt>
                <dd className="whitespace-pre-wrap">{theirs.description || "—"}</dd>
                <dt>Business value</dt>
                <dd>{formatNumber(theirs.businessValue)}</dd>
                <dt>Cost estimate</dt>
                <dd>{formatNumber(theirs.costEstimate)}</dd>
              </dl>
            )}
          </div>
        )}
        <div className="flex flex-col gap-1">
          <label htmlFor="item-title" className="text-sm font-medium">
            Title
          </label>
          <input {...field("title")} maxLength={200} required />
          {error("title")}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="item-description" className="text-sm font-medium">
            Description
          </label>
          <textarea {...field("description")} rows={4} maxLength={10_000} />
          {error("description")}
        </div>
        <div className="grid grid-cols-2 gap-3">
          <div className="flex flex-col gap-1">
            <label htmlFor="item-businessValue" className="text-sm font-medium">
              Business value
            </label>
            <input {...field("businessValue")} inputMode="numeric" />
            {error("businessValue")}
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="item-costEstimate" className="text-sm font-medium">
              Cost estimate
            </label>
            <input {...field("costEstimate")} inputMode="decimal" />
            {error("costEstimate")}
          </div>
        </div>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass} disabled={saving}>
            {saving ? "Saving…" : "Save"}
          </button>
          <button type="button" className={secondaryButtonClass} onClick={() => setDraft(null)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }

  const current = detail.stages.find((s) => s.id === item.stageId);
  return (
    <div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-base" data-testid="item-fields">
        <dt className="text-slate-600 dark:text-slate-400">Kind</dt>
        <dd>{KIND_LABEL[item.kind]}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Stage</dt>
        <dd>{current?.name ?? "—"}</dd>
        <dt className="text-slate-600 dark:text-slate-400">In stage since</dt>
        <dd>{formatUtc(item.enteredStageAt)}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Business value</dt>
        <dd data-testid="field-business-value">{formatNumber(item.businessValue)}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Cost estimate</dt>
        <dd data-testid="field-cost-estimate">{formatNumber(item.costEstimate)}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Rejections</dt>
        <dd>{item.rejectionCount}</dd>
        {item.labels.length > 0 && (
          <>
            <dt className="text-slate-600 dark:text-slate-400">Labels</dt>
            <dd>{item.labels.join(", ")}</dd>
          </>
        )}
        <dt className="text-slate-600 dark:text-slate-400">Rank</dt>
        <dd className="font-mono text-sm">{item.rank}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Created</dt>
        <dd>{formatUtc(item.createdAt)}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Version</dt>
        <dd>{item.version}</dd>
      </dl>
      <h3 className="mt-4 text-sm font-semibold text-slate-600 dark:text-slate-400">Description</h3>
      <p className="mt-1 whitespace-pre-wrap" data-testid="field-description">
        {item.description || <span className="text-slate-600 dark:text-slate-400">No description.</span>}
      </p>
      {canEdit && (
        <button type="button" className={`${secondaryButtonClass} mt-3`} onClick={open}>
          Edit details
        </button>
      )}
    </div>
  );
}
