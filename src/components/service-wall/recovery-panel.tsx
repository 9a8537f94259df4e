"use client";

import type { TServiceWall } from "@/lib/schemas/service-wall";
import { Disclosure, Field, FormError, Panel, Submit, api, day, inputClass, quietButtonClass, useApiForm } from "./form-kit";

type Props = { wall: TServiceWall; canSetObjectives: boolean; canRecordTest: boolean; onChanged: () => void };

const mins = (m: number | null) => (m === null ? "not set" : `${m} min`);

/** RPO and RTO, the last recovery test and its result, when the next one is due. */
export function RecoveryPanel({ wall, canSetObjectives, canRecordTest, onChanged }: Props) {
  const { service: s, recovery: r } = wall;
  const last = r.tests[0] ?? null;
  const objectivesSet = s.rpoMinutes !== null || s.rtoMinutes !== null;
  // Without RPO/RTO there is nothing to prove: not overdue (as the domain's problems say).
  const overdue = objectivesSet && r.overdue;
  return (
    <Panel title="Recovery objectives" id="recovery-heading">
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-base sm:grid-cols-4">
        <div>
          <dt className="text-sm text-slate-600 dark:text-slate-400">RPO</dt>
          <dd className="font-semibold">{mins(s.rpoMinutes)}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600 dark:text-slate-400">RTO</dt>
          <dd className="font-semibold">{mins(s.rtoMinutes)}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600 dark:text-slate-400">Test every</dt>
          <dd className="font-semibold">{s.recoveryTestIntervalDays} days</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600 dark:text-slate-400">Next test due</dt>
          <dd className={`font-semibold ${overdue ? "text-red-800 dark:text-red-300" : ""}`}>
            {!objectivesSet ? "—" : overdue && r.dueAt ? `Overdue since ${day(r.dueAt)}` : overdue ? "Now" : day(r.dueAt)}
          </dd>
        </div>
      </dl>
      {!objectivesSet && <p className="text-base text-slate-600 dark:text-slate-400">No RPO or RTO set: nothing for a recovery test to prove yet.</p>}
      {last ? (
        <div
          data-testid="last-recovery-test"
          className={`rounded-lg border-2 p-3 text-base ${last.passed && last.missed.length === 0 ? "border-emerald-600" : "border-red-600"}`}
        >
          <p className="font-semibold">
            Last test {day(last.testedAt)}: {last.passed && last.missed.length === 0 ? "passed" : last.missed.length > 0 ? `${last.missed.join(" and ")} missed` : "failed"}
          </p>
          <p>
            {last.scenario} — recovery point {last.achievedRpoMinutes} min, recovery time {last.achievedRtoMinutes} min
            {last.recordedByName && ` · by ${last.recordedByName}`}
            {last.evidenceUrl && (
              <>
                {" · "}
                <a href={last.evidenceUrl} className="text-sky-800 underline underline-offset-4 dark:text-sky-300" rel="noreferrer noopener" target="_blank">
                  evidence
                </a>
              </>
            )}
          </p>
        </div>
      ) : (
        objectivesSet && <p className="text-base font-semibold text-red-800 dark:text-red-300">No recovery test recorded: RPO/RTO unproven.</p>
      )}
      {r.tests.length > 1 && (
        <details className="text-base">
          <summary className="cursor-pointer font-medium">Earlier tests ({r.tests.length - 1})</summary>
          <ul className="mt-2 flex flex-col gap-1">
            {r.tests.slice(1).map((t) => (
              <li key={t.id}>
                {day(t.testedAt)} · {t.scenario} · {t.passed && t.missed.length === 0 ? "passed" : "failed"} (RPO {t.achievedRpoMinutes} min, RTO {t.achievedRtoMinutes} min)
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="flex flex-wrap gap-2">
        {canRecordTest && <Disclosure label="Record a recovery test">{(close) => <RecoveryTestForm serviceId={s.id} onChanged={onChanged} close={close} />}</Disclosure>}
        {canSetObjectives && <Disclosure label="Set RPO and RTO">{(close) => <ObjectivesForm wall={wall} onChanged={onChanged} close={close} />}</Disclosure>}
      </div>
    </Panel>
  );
}

const numberOrNull = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === "" ? null : Number(v));

function ObjectivesForm({ wall, onChanged, close }: { wall: TServiceWall; onChanged: () => void; close: () => void }) {
  const form = useApiForm(onChanged);
  const s = wall.service;
  return (
    <form
      aria-label="Recovery objectives"
      className="grid gap-3 sm:grid-cols-3"
      onSubmit={async (ev) => {
        ev.preventDefault();
        const d = new FormData(ev.currentTarget);
        const ok = await form.send("PUT", api(s.id, "/recovery-objectives"), {
          rpoMinutes: numberOrNull(d.get("rpoMinutes")),
          rtoMinutes: numberOrNull(d.get("rtoMinutes")),
          testIntervalDays: Number(d.get("testIntervalDays")),
          expectedVersion: s.version,
        });
        if (ok) close();
      }}
    >
      <Field label="RPO (minutes)" name="rpoMinutes" form={form}>
        {(a) => <input {...a} name="rpoMinutes" type="number" min={0} step="any" autoFocus defaultValue={s.rpoMinutes ?? ""} className={inputClass} />}
      </Field>
      <Field label="RTO (minutes)" name="rtoMinutes" form={form}>
        {(a) => <input {...a} name="rtoMinutes" type="number" min={0} step="any" defaultValue={s.rtoMinutes ?? ""} className={inputClass} />}
      </Field>
      <Field label="Test every (days)" name="testIntervalDays" form={form}>
        {(a) => <input {...a} name="testIntervalDays" type="number" min={1} max={3650} required defaultValue={s.recoveryTestIntervalDays} className={inputClass} />}
      </Field>
      <FormError form={form} />
      <div className="flex gap-2 sm:col-span-3">
        <Submit form={form} busyLabel="Saving…">
          Save objectives
        </Submit>
        <button type="button" onClick={close} className={quietButtonClass}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RecoveryTestForm({ serviceId, onChanged, close }: { serviceId: string; onChanged: () => void; close: () => void }) {
  const form = useApiForm(onChanged);
  return (
    <form
      aria-label="Recovery test"
      className="grid gap-3 sm:grid-cols-2"
      onSubmit={async (ev) => {
        ev.preventDefault();
        const d = new FormData(ev.currentTarget);
        const date = String(d.get("testedAt") ?? "");
        const ok = await form.send("POST", api(serviceId, "/recovery-tests"), {
          testedAt: date ? `${date}T12:00:00Z` : "",
          scenario: String(d.get("scenario") ?? ""),
          achievedRpoMinutes: Number(d.get("achievedRpoMinutes")),
          achievedRtoMinutes: Number(d.get("achievedRtoMinutes")),
          passed: d.get("passed") === "yes",
          evidenceUrl: String(d.get("evidenceUrl") ?? "").trim() || null,
        });
        if (ok) close();
      }}
    >
      <Field label="Tested on (UTC)" name="testedAt" form={form}>
        {(a) => <input {...a} name="testedAt" type="date" required autoFocus defaultValue={new Date().toISOString().slice(0, 10)} className={inputClass} />}
      </Field>
      <Field label="Scenario" name="scenario" form={form}>
        {(a) => <input {...a} name="scenario" required maxLength={300} className={inputClass} />}
      </Field>
      <Field label="Recovery point achieved (minutes)" name="achievedRpoMinutes" form={form}>
        {(a) => <input {...a} name="achievedRpoMinutes" type="number" min={0} step="any" required className={inputClass} />}
      </Field>
      <Field label="Recovery time achieved (minutes)" name="achievedRtoMinutes" form={form}>
        {(a) => <input {...a} name="achievedRtoMinutes" type="number" min={0} step="any" required className={inputClass} />}
      </Field>
      <Field label="Result" name="passed" form={form}>
        {(a) => (
          <select {...a} name="passed" defaultValue="yes" className={inputClass}>
            <option value="yes">Passed</option>
            <option value="no">Failed</option>
          </select>
        )}
      </Field>
      <Field label="Evidence link" name="evidenceUrl" form={form}>
        {(a) => <input {...a} name="evidenceUrl" type="url" maxLength={2000} className={inputClass} />}
      </Field>
      <FormError form={form} />
      <div className="flex gap-2 sm:col-span-2">
        <Submit form={form} busyLabel="Recording…">
          Record test
        </Submit>
        <button type="button" onClick={close} className={quietButtonClass}>
          Cancel
        </button>
      </div>
    </form>
  );
}
