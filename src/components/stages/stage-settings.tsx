"use client";

import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { callApi, fieldErrors } from "@/lib/api-client";
import { buttonClass, inputClass } from "@/components/wall/item-drawer/format";
import { orderStages } from "@/domain/stages";
import type { TConfiguredStage } from "@/lib/schemas/stage";
import { StageRow, type SettingsStage } from "./stage-row";

type Props = { serviceId: string; initialStages: SettingsStage[] };

/** Left to right, retired last, positions 0..n-1: what the server does after an add or reorder. */
function renumber(stages: SettingsStage[]): SettingsStage[] {
  return stages.map((s, position) => ({ ...s, position }));
}

const noSubscription = () => () => {};

/** False in the server's HTML and until React hydrated it: the forms' buttons wait, so nothing
 * typed or clicked before then is lost or sent as a plain page submit. */
function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

export function StageSettings({ serviceId, initialStages }: Props) {
  const ready = useHydrated();
  const [stages, setStages] = useState(initialStages);
  const [moving, setMoving] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [orderError, setOrderError] = useState<string | null>(null);
  // After a move, focus stays on the button that moved the stage, so the keyboard can keep going.
  const focusAfter = useRef<string | null>(null);
  useEffect(() => {
    const target = focusAfter.current;
    if (!target) return;
    focusAfter.current = null;
    const el = document.getElementById(target) as HTMLButtonElement | null;
    // At either end its button is disabled: the other direction's takes the focus.
    if (el && !el.disabled) el.focus();
    else document.getElementById(target.replace(/-(up|down)$/, (_, d: string) => (d === "up" ? "-down" : "-up")))?.focus();
  }, [stages]);

  const active = stages.filter((s) => !s.retired);

  function saved(stage: TConfiguredStage) {
    setStages((all) => orderStages(all.map((s) => (s.id === stage.id ? { ...s, ...stage } : s))));
  }

  async function move(stageId: string, direction: -1 | 1) {
    const i = active.findIndex((s) => s.id === stageId);
    const j = i + direction;
    if (i < 0 || j < 0 || j >= active.length) return;
    const next = [...active];
    [next[i], next[j]] = [next[j]!, next[i]!];
    const order = [...next, ...stages.filter((s) => s.retired)];
    setMoving(true);
    setOrderError(null);
    const res = await callApi<{ stages: TConfiguredStage[] }>("PUT", `/api/v1/services/${encodeURIComponent(serviceId)}/stages/order`, {
      stageIds: order.map((s) => s.id),
    });
    setMoving(false);
    if (!res.ok) {
      setOrderError(
        res.status === 422 ? `${res.message} A stage was added or removed meanwhile: reload the page to see it.` : res.message,
      );
      return;
    }
    const counts = new Map(stages.map((s) => [s.id, s.itemCount]));
    setStages(orderStages(res.body.stages.map((s) => ({ ...s, itemCount: counts.get(s.id) ?? 0 }))));
    const name = active[i]!.name;
    setAnnouncement(`${name} is now stage ${j + 1} of ${active.length}.`);
    focusAfter.current = `stage-${stageId}-${direction < 0 ? "up" : "down"}`;
  }

  function added(stage: TConfiguredStage, afterStageId: string | null) {
    setStages((all) => {
      const ordered = orderStages(all);
      const at = afterStageId ? ordered.findIndex((s) => s.id === afterStageId) + 1 : 0;
      return renumber(ordered.toSpliced(at, 0, { ...stage, itemCount: 0 }));
    });
    setAnnouncement(`${stage.name} added.`);
  }

  return (
    <div className="flex flex-col gap-6" data-ready={ready || undefined}>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {orderError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800 dark:bg-red-950 dark:text-red-200">
          {orderError}
        </p>
      )}
      {stages.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-4 text-slate-600 dark:border-slate-700 dark:text-slate-400">
          This service has no stages yet: add the first below.
        </p>
      ) : (
        <ol className="flex flex-col gap-4" aria-label="Stages, left to right">
          {stages.map((s) => (
            <StageRow
              key={s.id}
              stage={s}
              index={s.retired ? -1 : active.findIndex((a) => a.id === s.id)}
              activeCount={active.length}
              onSaved={saved}
              onMove={(id, d) => void move(id, d)}
              moving={moving || !ready}
            />
          ))}
        </ol>
      )}
      <AddStageForm serviceId={serviceId} stages={active} onAdded={added} ready={ready} />
    </div>
  );
}

function AddStageForm({
  serviceId,
  stages,
  onAdded,
  ready,
}: {
  serviceId: string;
  ready: boolean;
  stages: SettingsStage[];
  onAdded: (stage: TConfiguredStage, afterStageId: string | null) => void;
}) {
  const [name, setName] = useState("");
  const [after, setAfter] = useState<string>("__end");
  const [wipLimit, setWipLimit] = useState("");
  const [age, setAge] = useState("");
  const [criteria, setCriteria] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (name.trim() === "") local.name = "A stage needs a name.";
    const num = (raw: string, max: number, key: string) => {
      if (raw.trim() === "") return null;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1 || n > max) local[key] = `A whole number from 1 to ${max.toLocaleString("en-GB")}, or empty for none.`;
      return n;
    };
    const wip = num(wipLimit, 10_000, "wipLimit");
    const hours = num(age, 24 * 365, "ageThresholdHours");
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const afterStageId = after === "__start" ? null : after === "__end" ? (stages.at(-1)?.id ?? null) : after;
    setBusy(true);
    setMessage(null);
    const res = await callApi<TConfiguredStage>("POST", `/api/v1/services/${encodeURIComponent(serviceId)}/stages`, {
      name: name.trim(),
      afterStageId,
      wipLimit: wip,
      ageThresholdHours: hours,
      doneCriteria: criteria
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean),
    });
    setBusy(false);
    if (!res.ok) {
      if (res.status === 400) setErrors(fieldErrors(res));
      setMessage(res.message);
      return;
    }
    onAdded(res.body, afterStageId);
    setName("");
    setWipLimit("");
    setAge("");
    setCriteria("");
  }

  const err = (key: string) =>
    errors[key] ? (
      <p id={`new-stage-${key}-error`} className="text-sm text-red-700 dark:text-red-300">
        {errors[key]}
      </p>
    ) : null;
  const invalid = (key: string) => ({
    "aria-invalid": errors[key] ? true : undefined,
    "aria-describedby": errors[key] ? `new-stage-${key}-error` : undefined,
  });

  return (
    <section aria-labelledby="add-stage-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-900">
      <h2 id="add-stage-heading" className="mb-3 text-xl font-semibold">
        Add a stage
      </h2>
      <form onSubmit={submit} noValidate className="flex flex-col gap-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="flex flex-col gap-1">
            <label htmlFor="new-stage-name" className="text-sm font-medium">
              Name
            </label>
            <input id="new-stage-name" className={inputClass} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} {...invalid("name")} />
            {err("name")}
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="new-stage-after" className="text-sm font-medium">
              Position
            </label>
            <select id="new-stage-after" className={inputClass} value={after} onChange={(e) => setAfter(e.target.value)}>
              <option value="__start">First</option>
              {stages.map((s) => (
                <option key={s.id} value={s.id}>
                  After {s.name}
                </option>
              ))}
              <option value="__end">Last</option>
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="new-stage-wipLimit" className="text-sm font-medium">
              WIP limit
            </label>
            <input id="new-stage-wipLimit" className={inputClass} inputMode="numeric" placeholder="none" value={wipLimit} onChange={(e) => setWipLimit(e.target.value)} {...invalid("wipLimit")} />
            {err("wipLimit")}
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="new-stage-ageThresholdHours" className="text-sm font-medium">
              Age threshold (hours)
            </label>
            <input
              id="new-stage-ageThresholdHours"
              className={inputClass}
              inputMode="numeric"
              placeholder="none"
              value={age}
              onChange={(e) => setAge(e.target.value)}
              {...invalid("ageThresholdHours")}
            />
            {err("ageThresholdHours")}
          </div>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="new-stage-criteria" className="text-sm font-medium">
            Definition of done, one criterion per line
          </label>
          <textarea id="new-stage-criteria" className={inputClass} rows={3} value={criteria} onChange={(e) => setCriteria(e.target.value)} {...invalid("doneCriteria")} />
          {err("doneCriteria")}
        </div>
        <div>
          <button type="submit" className={buttonClass} disabled={busy || !ready}>
            {busy ? "Adding…" : "Add stage"}
          </button>
        </div>
        {message && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
            {message}
          </p>
        )}
      </form>
    </section>
  );
}
