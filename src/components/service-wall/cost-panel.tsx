"use client";

import type { TServiceWall } from "@/lib/schemas/service-wall";
import { CostChart } from "./cost-chart";
import { Disclosure, Field, FormError, Panel, Submit, api, inputClass, money, quietButtonClass, useApiForm } from "./form-kit";

type Props = { wall: TServiceWall; canPlan: boolean; canRecordActual: boolean; onChanged: () => void };

/** Operating cost: plan against actual per month, the variance, and the year to date. */
export function CostPanel({ wall, canPlan, canRecordActual, onChanged }: Props) {
  const { months, yearToDate: ytd, lines } = wall.cost;
  const categories = [...new Set(lines.map((l) => l.category))];
  return (
    <Panel
      title="Operating cost"
      id="cost-heading"
      summary={
        <p data-testid="cost-ytd" className={`text-base font-semibold ${ytd.variance > 0 ? "text-red-800 dark:text-red-300" : "text-emerald-800 dark:text-emerald-300"}`}>
          {ytd.year} to date: {money(ytd.actual)} of {money(ytd.planned)} planned ({ytd.variance > 0 ? "+" : ""}
          {money(ytd.variance)}
          {ytd.variancePercent !== null && `, ${ytd.variancePercent > 0 ? "+" : ""}${ytd.variancePercent.toFixed(1)}%`})
        </p>
      }
    >
      {months.length === 0 ? (
        <p className="text-base text-slate-600 dark:text-slate-400">No cost planned yet: the Service Master plans the operating cost per month.</p>
      ) : (
        <>
        <CostChart months={months} />
        <div className="overflow-x-auto">
          <table className="w-full min-w-[22rem] text-base">
            <caption className="sr-only">Planned and actual operating cost per month</caption>
            <thead>
              <tr className="text-left text-sm text-slate-600 dark:text-slate-400">
                <th scope="col" className="py-1 pr-2 font-medium">Month</th>
                <th scope="col" className="py-1 pr-2 text-right font-medium">Plan</th>
                <th scope="col" className="py-1 pr-2 text-right font-medium">Actual</th>
                <th scope="col" className="py-1 pr-2 text-right font-medium">Variance</th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => {
                const over = m.variance !== null && m.variance > 0;
                return (
                  <tr key={m.month} className="border-t border-slate-200 dark:border-slate-700">
                    <th scope="row" className="py-1 pr-2 text-left font-medium tabular-nums">{m.month}</th>
                    <td className="py-1 pr-2 text-right tabular-nums">{money(m.planned)}</td>
                    <td className="py-1 pr-2 text-right tabular-nums">{money(m.actual)}</td>
                    <td className={`py-1 pr-2 text-right tabular-nums ${over ? "font-semibold text-red-800 dark:text-red-300" : ""}`}>
                      {m.variance === null ? "—" : `${m.variance > 0 ? "+" : ""}${money(m.variance)}`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        </>
      )}
      <div className="flex flex-wrap gap-2">
        {canPlan && <Disclosure label="Plan a month">{(close) => <CostForm mode="plan" wall={wall} categories={categories} onChanged={onChanged} close={close} />}</Disclosure>}
        {canRecordActual && (
          <Disclosure label="Enter an actual">{(close) => <CostForm mode="actual" wall={wall} categories={categories} onChanged={onChanged} close={close} />}</Disclosure>
        )}
      </div>
    </Panel>
  );
}

function CostForm({ mode, wall, categories, onChanged, close }: { mode: "plan" | "actual"; wall: TServiceWall; categories: string[]; onChanged: () => void; close: () => void }) {
  const form = useApiForm(onChanged);
  const listId = `cost-categories-${mode}`;
  return (
    <form
      aria-label={mode === "plan" ? "Plan a month's cost" : "Actual cost of a month"}
      className="grid gap-3 sm:grid-cols-3"
      onSubmit={async (ev) => {
        ev.preventDefault();
        const d = new FormData(ev.currentTarget);
        const month = String(d.get("month") ?? "");
        const category = String(d.get("category") ?? "").trim() || "Run";
        const amount = Number(d.get("amount"));
        let ok: boolean;
        if (mode === "plan") ok = await form.send("POST", api(wall.service.id, "/costs"), { month, category, planned: amount });
        else {
          // Correcting an actual names the version seen; a first entry names none.
          const line = wall.cost.lines.find((l) => l.month === month && l.category === category);
          ok = await form.send("POST", api(wall.service.id, "/costs/actuals"), {
            month,
            category,
            actual: amount,
            ...(line && line.actual !== null ? { expectedVersion: line.version } : {}),
          });
        }
        if (ok) close();
      }}
    >
      <Field label="Month" name="month" form={form}>
        {(a) => <input {...a} name="month" type="month" required autoFocus defaultValue={new Date().toISOString().slice(0, 7)} className={inputClass} />}
      </Field>
      <Field label="Category" name="category" form={form}>
        {(a) => (
          <>
            <input {...a} name="category" list={listId} maxLength={60} defaultValue={categories[0] ?? "Run"} className={inputClass} />
            <datalist id={listId}>
              {categories.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label={mode === "plan" ? "Planned" : "Actual"} name={mode === "plan" ? "planned" : "actual"} form={form}>
        {(a) => <input {...a} name="amount" type="number" min={0} step="any" required className={inputClass} />}
      </Field>
      <FormError form={form} />
      <div className="flex gap-2 sm:col-span-3">
        <Submit form={form} busyLabel="Saving…">
          {mode === "plan" ? "Plan cost" : "Enter actual"}
        </Submit>
        <button type="button" onClick={close} className={quietButtonClass}>
          Cancel
        </button>
      </div>
    </form>
  );
}
