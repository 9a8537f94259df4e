"use client";

import { BURN_ALERT_RULES } from "@/domain/service-levels";
import type { TServiceWall } from "@/lib/schemas/service-wall";
import { Disclosure, Field, FormError, Panel, Submit, api, day, inputClass, quietButtonClass, useApiForm } from "./form-kit";

type Level = TServiceWall["serviceLevels"][number];
type Props = { wall: TServiceWall; canManage: boolean; onChanged: () => void };

/** SLA and OLA targets; availability objectives with their error budget and burn rates. */
export function LevelsPanel({ wall, canManage, onChanged }: Props) {
  return (
    <Panel title="Service levels" id="levels-heading">
      {wall.serviceLevels.length === 0 && (
        <p className="text-base text-slate-600 dark:text-slate-400">No SLA or OLA yet: a Service Master or reliability engineer adds the targets from the operations stories.</p>
      )}
      <ul className="flex flex-col gap-3" aria-label="SLA and OLA targets">
        {wall.serviceLevels.map((l) => (
          <LevelCard key={l.id} level={l} canManage={canManage} onChanged={onChanged} />
        ))}
      </ul>
      {canManage && (
        <Disclosure label="New service level">{(close) => <NewLevelForm serviceId={wall.service.id} onChanged={onChanged} close={close} />}</Disclosure>
      )}
    </Panel>
  );
}

const fmtMeasured = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(3));
const fmtTarget = (l: Level) => (l.unit === "%" ? `${l.target}%` : `${l.higherIsBetter ? "≥" : "≤"} ${l.target} ${l.unit}`);

function LevelCard({ level: l, canManage, onChanged }: { level: Level; canManage: boolean; onChanged: () => void }) {
  const b = l.budget;
  const remaining = b && b.consumedPercent !== null ? Math.max(0, Math.round((100 - b.consumedPercent) * 10) / 10) : null;
  const bad = l.openBreaches.length > 0 || (b?.breached ?? false);
  const warn = !bad && (b?.alerts.length ?? 0) > 0;
  return (
    <li
      data-testid="service-level"
      data-state={bad ? "breached" : warn ? "burning" : "ok"}
      className={`flex flex-col gap-2 rounded-lg border-2 p-3 ${bad ? "border-red-600" : warn ? "border-amber-500" : "border-slate-200 dark:border-slate-700"}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-lg font-semibold">
          <span className="mr-2 rounded bg-slate-200 px-1.5 py-0.5 text-sm font-bold dark:bg-slate-700">{l.kind}</span>
          {l.name}
        </h3>
        <p className="text-base">
          Target <strong>{fmtTarget(l)}</strong>
          {l.unit === "%" && ` over ${l.windowDays} days`}
          {l.supportHours && ` · ${l.supportHours}`}
        </p>
      </div>
      {b &&
        (b.noData ? (
          <p className="text-base text-slate-600 dark:text-slate-400">No availability samples in the window yet.</p>
        ) : (
          <div className="flex flex-col gap-2">
            <p className="text-base">
              Availability <strong>{b.availabilityPercent?.toFixed(3)}%</strong> · downtime {b.downtimeMinutes} of {b.allowedDowntimeMinutes} min allowed ·{" "}
              <strong className={bad ? "text-red-800 dark:text-red-300" : warn ? "text-amber-800 dark:text-amber-300" : "text-emerald-800 dark:text-emerald-300"}>
                error budget remaining {remaining === null ? "—" : `${remaining}%`}
              </strong>
            </p>
            <div
              role="meter"
              aria-label={`Error budget remaining for ${l.name}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={remaining ?? 0}
              className="h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
            >
              <div className={`h-full ${bad ? "bg-red-600" : warn ? "bg-amber-500" : "bg-emerald-600"}`} style={{ width: `${remaining ?? 0}%` }} />
            </div>
            <BurnChart level={l} />
            {b.alerts.map((a) => (
              <p key={a.rule} role="status" className="rounded-md bg-amber-100 px-3 py-1.5 text-base font-medium text-amber-950 dark:bg-amber-950 dark:text-amber-100">
                {a.message}
              </p>
            ))}
          </div>
        ))}
      {l.openBreaches.length > 0 && (
        <ul className="flex flex-col gap-1 text-base text-red-900 dark:text-red-200" aria-label={`Open breaches of ${l.name}`}>
          {l.openBreaches.map((x) => (
            <li key={x.id}>
              Breach on {day(x.occurredAt)}: measured {fmtMeasured(x.measured)} {l.unit}
              {x.note && ` — ${x.note}`}
            </li>
          ))}
        </ul>
      )}
      {canManage && (
        <Disclosure label={`Record a measurement of ${l.name}`}>{(close) => <MeasurementForm level={l} onChanged={onChanged} close={close} />}</Disclosure>
      )}
    </li>
  );
}

/**
 * The burn rate over each alert window against its threshold (the SRE workbook's multiwindow
 * rule: both windows of a rule at or above it alert). Bars in plain HTML: readable without
 * colour, a screen reader gets the numbers as a table.
 */
function BurnChart({ level }: { level: Level }) {
  const rates = level.budget?.burnRates ?? [];
  if (rates.length === 0) return null;
  const rows = rates.map((r, i) => ({ ...r, threshold: BURN_ALERT_RULES[Math.floor(i / 2)]?.threshold ?? 1 }));
  const max = Math.max(...rows.map((r) => Math.max(r.rate ?? 0, r.threshold * 1.25)));
  return (
    <table className="w-full text-sm" aria-label={`Burn rate of ${level.name}`}>
      <thead className="sr-only">
        <tr>
          <th>Window</th>
          <th>Burn rate</th>
          <th>Alert at</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const over = (r.rate ?? 0) >= r.threshold;
          return (
            <tr key={r.window}>
              <th scope="row" className="w-16 py-0.5 pr-2 text-left font-medium">
                {r.window}
              </th>
              <td className="py-0.5">
                <div className="relative h-4 rounded bg-slate-100 dark:bg-slate-800">
                  <div className={`h-full rounded ${over ? "bg-red-600" : "bg-sky-600"}`} style={{ width: `${Math.min(100, ((r.rate ?? 0) / max) * 100)}%` }} />
                  <div aria-hidden="true" className="absolute inset-y-0 w-0.5 bg-slate-900 dark:bg-slate-100" style={{ left: `${(r.threshold / max) * 100}%` }} />
                </div>
              </td>
              <td className="w-28 py-0.5 pl-2 text-right tabular-nums">
                {r.rate === null ? "no data" : `${r.rate}×`} <span className="text-slate-600 dark:text-slate-400">/ {r.threshold}×</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const nowLocal = () => {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
};

function MeasurementForm({ level, onChanged, close }: { level: Level; onChanged: () => void; close: () => void }) {
  const form = useApiForm(onChanged);
  return (
    <form
      aria-label={`Measurement of ${level.name}`}
      className="grid gap-3 sm:grid-cols-3"
      onSubmit={async (ev) => {
        ev.preventDefault();
        const d = new FormData(ev.currentTarget);
        const at = String(d.get("occurredAt") ?? "");
        const ok = await form.send("POST", `/api/v1/service-levels/${encodeURIComponent(level.id)}/measurements`, {
          measured: Number(d.get("measured")),
          occurredAt: at ? new Date(at).toISOString() : "",
          note: String(d.get("note") ?? ""),
        });
        if (ok) close();
      }}
    >
      <Field label={`Measured (${level.unit})`} name="measured" form={form}>
        {(a) => <input {...a} name="measured" type="number" step="any" min={0} required autoFocus className={inputClass} />}
      </Field>
      <Field label="When" name="occurredAt" form={form}>
        {(a) => <input {...a} name="occurredAt" type="datetime-local" required defaultValue={nowLocal()} className={inputClass} />}
      </Field>
      <Field label="Note" name="note" form={form}>
        {(a) => <input {...a} name="note" maxLength={2000} className={inputClass} />}
      </Field>
      <FormError form={form} />
      <div className="flex gap-2 sm:col-span-3">
        <Submit form={form} busyLabel="Recording…">
          Record measurement
        </Submit>
        <button type="button" onClick={close} className={quietButtonClass}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function NewLevelForm({ serviceId, onChanged, close }: { serviceId: string; onChanged: () => void; close: () => void }) {
  const form = useApiForm(onChanged);
  return (
    <form
      aria-label="New service level"
      className="grid gap-3 sm:grid-cols-3"
      onSubmit={async (ev) => {
        ev.preventDefault();
        const d = new FormData(ev.currentTarget);
        const ok = await form.send("POST", api(serviceId, "/service-levels"), {
          kind: d.get("kind"),
          name: String(d.get("name") ?? ""),
          target: Number(d.get("target")),
          unit: d.get("unit"),
          windowDays: Number(d.get("windowDays")),
          supportHours: String(d.get("supportHours") ?? ""),
        });
        if (ok) close();
      }}
    >
      <Field label="Kind" name="kind" form={form}>
        {(a) => (
          <select {...a} name="kind" defaultValue="SLA" autoFocus className={inputClass}>
            <option value="SLA">SLA (with the customer)</option>
            <option value="OLA">OLA (inside the organisation)</option>
          </select>
        )}
      </Field>
      <Field label="Name" name="name" form={form} className="sm:col-span-2">
        {(a) => <input {...a} name="name" required maxLength={120} className={inputClass} />}
      </Field>
      <Field label="Target" name="target" form={form}>
        {(a) => <input {...a} name="target" type="number" step="any" min={0} required className={inputClass} />}
      </Field>
      <Field label="Unit" name="unit" form={form}>
        {(a) => (
          <select {...a} name="unit" defaultValue="%" className={inputClass}>
            <option value="%">% availability</option>
            <option value="minutes">minutes</option>
            <option value="hours">hours</option>
          </select>
        )}
      </Field>
      <Field label="Window" name="windowDays" form={form}>
        {(a) => (
          <select {...a} name="windowDays" defaultValue="30" className={inputClass}>
            <option value="30">30 days</option>
            <option value="28">28 days</option>
          </select>
        )}
      </Field>
      <Field label="Support hours" name="supportHours" form={form} className="sm:col-span-3">
        {(a) => <input {...a} name="supportHours" maxLength={120} placeholder="Mon–Fri 08:00–18:00 CET" className={inputClass} />}
      </Field>
      <FormError form={form} />
      <div className="flex gap-2 sm:col-span-3">
        <Submit form={form} busyLabel="Adding…">
          Add service level
        </Submit>
        <button type="button" onClick={close} className={quietButtonClass}>
          Cancel
        </button>
      </div>
    </form>
  );
}
