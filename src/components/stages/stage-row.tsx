"use client";

import { useState, type FormEvent } from "react";
import { callApi, fieldErrors } from "@/lib/api-client";
import type { TConfiguredStage } from "@/lib/schemas/stage";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/wall/item-drawer/format";

export type SettingsStage = TConfiguredStage & { itemCount: number };

type Draft = {
  name: string;
  wipLimit: string;
  ageThresholdHours: string;
  criteria: Array<{ id: string; text: string; original: string; retire: boolean }>;
  added: string[];
};

const toDraft = (s: TConfiguredStage): Draft => ({
  name: s.name,
  wipLimit: s.wipLimit === null ? "" : String(s.wipLimit),
  ageThresholdHours: s.ageThresholdHours === null ? "" : String(s.ageThresholdHours),
  criteria: s.doneCriteria.map((c) => ({ id: c.id, text: c.text, original: c.text, retire: false })),
  added: [],
});

/** "" → null (no limit); otherwise a whole number in range, or an error message. */
function wholeNumber(raw: string, max: number, label: string): { value: number | null } | { error: string } {
  if (raw.trim() === "") return { value: null };
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) return { error: `${label}: a whole number from 1 to ${max.toLocaleString("en-GB")}, or empty for none.` };
  return { value: n };
}

type Props = {
  stage: SettingsStage;
  index: number;
  activeCount: number;
  onSaved: (stage: TConfiguredStage) => void;
  onMove: (stageId: string, direction: -1 | 1) => void;
  // A reorder is on its way (or the page is not interactive yet): the row's buttons wait.
  moving: boolean;
};

/** One stage's configuration: a versioned form (name, limits, done-criteria), retire, move. */
export function StageRow({ stage, index, activeCount, onSaved, onMove, moving }: Props) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(stage));
  const [seenVersion, setSeenVersion] = useState(stage.version);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<{ tone: "error" | "conflict"; text: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A change that arrived from the server (e.g. after a reorder) resets an untouched form.
  if (stage.version !== seenVersion && !busy) {
    setSeenVersion(stage.version);
    setDraft(toDraft(stage));
  }
  const id = (field: string) => `stage-${stage.id}-${field}`;

  async function send(body: Record<string, unknown>, done: string): Promise<void> {
    setBusy(true);
    setAlert(null);
    setSaved(null);
    const res = await callApi<TConfiguredStage>("PATCH", `/api/v1/stages/${encodeURIComponent(stage.id)}`, { expectedVersion: stage.version, ...body });
    setBusy(false);
    if (res.ok) {
      setSaved(done);
      setSeenVersion(res.body.version);
      setDraft(toDraft(res.body));
      onSaved(res.body);
      return;
    }
    if (res.status === 409) {
      const current = (res.details as { current?: TConfiguredStage } | null)?.current;
      setAlert({
        tone: "conflict",
        text: current
          ? `Someone else changed ${stage.name} while you were editing (now version ${current.version}). Their settings are shown below; your changes were not saved — make them again.`
          : "Someone else changed this stage while you were editing. Your changes were not saved.",
      });
      if (current) {
        setSeenVersion(current.version);
        setDraft(toDraft(current));
        onSaved(current);
      }
      return;
    }
    if (res.status === 400) {
      const byPath = fieldErrors(res);
      const mapped: Record<string, string> = {};
      for (const [path, message] of Object.entries(byPath)) {
        const m = /^criteria\.(add|rename)\.(\d+)/.exec(path);
        mapped[m ? `criteria.${m[1]}.${m[2]}` : path] = message;
      }
      setErrors(mapped);
    }
    setAlert({ tone: "error", text: res.message });
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (draft.name.trim() === "") local.name = "A stage needs a name.";
    const wip = wholeNumber(draft.wipLimit, 10_000, "WIP limit");
    if ("error" in wip) local.wipLimit = wip.error;
    const age = wholeNumber(draft.ageThresholdHours, 24 * 365, "Age threshold");
    if ("error" in age) local.ageThresholdHours = age.error;
    const kept = draft.criteria.filter((c) => !c.retire);
    kept.forEach((c) => {
      if (c.text.trim() === "") local[`criterion.${c.id}`] = "Write the criterion, or retire it.";
    });
    const added = draft.added.map((t) => t.trim());
    added.forEach((t, i) => {
      if (t === "") local[`added.${i}`] = "Write the criterion, or remove it.";
    });
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setAlert({ tone: "error", text: "Some fields need fixing: see the messages next to them." });
      return;
    }
    const rename = kept.filter((c) => c.text.trim() !== c.original).map((c) => ({ id: c.id, text: c.text.trim() }));
    const retire = draft.criteria.filter((c) => c.retire).map((c) => c.id);
    await send(
      {
        name: draft.name.trim(),
        wipLimit: "value" in wip ? wip.value : null,
        ageThresholdHours: "value" in age ? age.value : null,
        ...(added.length + rename.length + retire.length > 0 ? { criteria: { add: added, rename, retire } } : {}),
      },
      `${draft.name.trim()} saved.`,
    );
  }

  const fieldError = (key: string) =>
    errors[key] ? (
      <p id={`${id(key)}-error`} className="text-sm text-red-700 dark:text-red-300">
        {errors[key]}
      </p>
    ) : null;
  const invalid = (key: string) => ({
    "aria-invalid": errors[key] ? true : undefined,
    "aria-describedby": errors[key] ? `${id(key)}-error` : undefined,
  });

  const headingId = id("heading");
  return (
    <li
      data-testid="stage-settings-row"
      data-stage-key={stage.key}
      className={`rounded-xl border p-4 shadow-sm ${stage.retired ? "border-dashed border-slate-400 bg-slate-50 dark:bg-slate-900/50" : "border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900"}`}
      aria-labelledby={headingId}
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-xl font-semibold">
          {stage.retired ? "Retired: " : `${index + 1}. `}
          {stage.name}
          <span className="ml-2 text-sm font-normal text-slate-600 dark:text-slate-400">
            {stage.itemCount} {stage.itemCount === 1 ? "item" : "items"} · key {stage.key}
          </span>
        </h2>
        <div className="flex gap-2">
          {!stage.retired && (
            <>
              <button
                type="button"
                id={id("up")}
                className={secondaryButtonClass}
                disabled={index === 0 || moving}
                onClick={() => onMove(stage.id, -1)}
                aria-label={`Move ${stage.name} left (earlier)`}
              >
                ↑ Earlier
              </button>
              <button
                type="button"
                id={id("down")}
                className={secondaryButtonClass}
                disabled={index === activeCount - 1 || moving}
                onClick={() => onMove(stage.id, 1)}
                aria-label={`Move ${stage.name} right (later)`}
              >
                ↓ Later
              </button>
            </>
          )}
          <button
            type="button"
            className={secondaryButtonClass}
            disabled={busy || moving}
            onClick={() => void send({ retired: !stage.retired }, stage.retired ? `${stage.name} is back on the wall.` : `${stage.name} retired.`)}
            title={!stage.retired && stage.itemCount > 0 ? "Move its items out first" : undefined}
          >
            {stage.retired ? "Unretire" : "Retire"}
          </button>
        </div>
      </div>

      <form onSubmit={save} noValidate aria-label={`Settings of ${stage.name}`} className="flex flex-col gap-3">
        <div className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr]">
          <div className="flex flex-col gap-1">
            <label htmlFor={id("name")} className="text-sm font-medium">
              Name
            </label>
            <input id={id("name")} className={inputClass} value={draft.name} maxLength={80} onChange={(e) => setDraft({ ...draft, name: e.target.value })} {...invalid("name")} />
            {fieldError("name")}
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={id("wipLimit")} className="text-sm font-medium">
              WIP limit
            </label>
            <input
              id={id("wipLimit")}
              className={inputClass}
              inputMode="numeric"
              placeholder="none"
              value={draft.wipLimit}
              onChange={(e) => setDraft({ ...draft, wipLimit: e.target.value })}
              {...invalid("wipLimit")}
            />
            {fieldError("wipLimit")}
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={id("ageThresholdHours")} className="text-sm font-medium">
              Age threshold (hours)
            </label>
            <input
              id={id("ageThresholdHours")}
              className={inputClass}
              inputMode="numeric"
              placeholder="none"
              value={draft.ageThresholdHours}
              onChange={(e) => setDraft({ ...draft, ageThresholdHours: e.target.value })}
              {...invalid("ageThresholdHours")}
            />
            {fieldError("ageThresholdHours")}
          </div>
        </div>

        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">Definition of done</legend>
          {draft.criteria.length === 0 && draft.added.length === 0 && (
            <p className="text-sm text-slate-600 dark:text-slate-400">No criteria: items may leave this stage at any time.</p>
          )}
          {draft.criteria.map((c, i) => (
            <div key={c.id} className="flex flex-col gap-1">
              <div className="flex gap-2">
                <label htmlFor={id(`criterion.${c.id}`)} className="sr-only">
                  Criterion {i + 1}
                </label>
                <input
                  id={id(`criterion.${c.id}`)}
                  className={`${inputClass} ${c.retire ? "line-through opacity-60" : ""}`}
                  value={c.text}
                  maxLength={200}
                  disabled={c.retire}
                  onChange={(e) => setDraft({ ...draft, criteria: draft.criteria.map((x) => (x.id === c.id ? { ...x, text: e.target.value } : x)) })}
                  {...invalid(`criterion.${c.id}`)}
                />
                <button
                  type="button"
                  className={secondaryButtonClass}
                  onClick={() => setDraft({ ...draft, criteria: draft.criteria.map((x) => (x.id === c.id ? { ...x, retire: !x.retire } : x)) })}
                  aria-label={c.retire ? `Keep criterion “${c.original}”` : `Retire criterion “${c.original}”`}
                >
                  {c.retire ? "Keep" : "Retire"}
                </button>
              </div>
              {fieldError(`criterion.${c.id}`)}
              {errors[`criteria.rename.${i}`] && <p className="text-sm text-red-700 dark:text-red-300">{errors[`criteria.rename.${i}`]}</p>}
            </div>
          ))}
          {draft.added.map((text, i) => (
            <div key={`added-${i}`} className="flex flex-col gap-1">
              <div className="flex gap-2">
                <label htmlFor={id(`added.${i}`)} className="sr-only">
                  New criterion {i + 1}
                </label>
                <input
                  id={id(`added.${i}`)}
                  className={inputClass}
                  value={text}
                  maxLength={200}
                  placeholder="e.g. Code reviewed"
                  onChange={(e) => setDraft({ ...draft, added: draft.added.map((x, j) => (j === i ? e.target.value : x)) })}
                  {...invalid(`added.${i}`)}
                />
                <button
                  type="button"
                  className={secondaryButtonClass}
                  onClick={() => setDraft({ ...draft, added: draft.added.filter((_, j) => j !== i) })}
                  aria-label={`Remove new criterion ${i + 1}`}
                >
                  Remove
                </button>
              </div>
              {fieldError(`added.${i}`)}
              {errors[`criteria.add.${i}`] && <p className="text-sm text-red-700 dark:text-red-300">{errors[`criteria.add.${i}`]}</p>}
            </div>
          ))}
          <div>
            <button type="button" className={secondaryButtonClass} onClick={() => setDraft({ ...draft, added: [...draft.added, ""] })}>
              Add a criterion
            </button>
          </div>
        </fieldset>

        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonClass} disabled={busy || moving}>
            {busy ? "Saving…" : "Save stage"}
          </button>
          <p role="status" className="text-sm text-emerald-800 empty:hidden dark:text-emerald-300">
            {saved ?? ""}
          </p>
        </div>
        {alert && (
          <p
            role="alert"
            className={`rounded-md px-3 py-2 text-sm ${
              alert.tone === "conflict"
                ? "border border-amber-400 bg-amber-50 text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100"
                : "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200"
            }`}
          >
            {alert.text}
          </p>
        )}
      </form>
    </li>
  );
}
