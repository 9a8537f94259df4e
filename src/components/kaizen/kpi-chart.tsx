"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { isoWeekNumber } from "@/domain/kaizen/weeks";
import type { TProblemSheet } from "@/lib/schemas/kaizen";
import { kpiSummary } from "./kaizen-ui";

type Kpi = NonNullable<TProblemSheet["kpi"]>;

export function weekLabel(week: string): string {
  const { week: n, year } = isoWeekNumber(new Date(`${week}T00:00:00Z`));
  return `W${n} ${year}`;
}

/**
 * The weekly KPI against its target (and baseline), drawn by recharts. The chart is a picture for
 * the room; the table next to it carries the same numbers for a screen reader and for print.
 */
export function KpiChart({ kpi, values }: { kpi: Kpi; values: TProblemSheet["kpiValues"] }) {
  const data = values.map((v) => ({ ...v, label: weekLabel(v.week) }));
  const nums = [...values.map((v) => v.value), kpi.target, ...(kpi.baseline !== null ? [kpi.baseline] : [])];
  const lo = Math.min(...nums);
  const hi = Math.max(...nums);
  const pad = (hi - lo) * 0.15 || 1;
  return (
    <figure className="flex flex-col gap-2" data-testid="kpi-chart">
      <div role="img" aria-label={`Chart of ${kpiSummary(kpi, values)}`} className="h-64 w-full">
        {data.length === 0 ? (
          <p className="flex h-full items-center justify-center rounded-lg border border-dashed border-slate-300 text-base text-slate-600 dark:border-slate-700 dark:text-slate-400">
            No weekly values yet: the chart starts with the first one.
          </p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 16, right: 24, bottom: 8, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
              <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#334155" }} />
              <YAxis domain={[Math.floor(lo - pad), Math.ceil(hi + pad)]} tick={{ fontSize: 12, fill: "#334155" }} width={48} />
              <Tooltip formatter={(v) => [`${String(v)}${kpi.unit ? ` ${kpi.unit}` : ""}`, kpi.name]} />
              <ReferenceLine y={kpi.target} stroke="#047857" strokeWidth={2} strokeDasharray="6 4" label={{ value: `Target ${kpi.target}`, position: "insideTopRight", fill: "#065f46", fontSize: 12 }} />
              {kpi.baseline !== null && (
                <ReferenceLine y={kpi.baseline} stroke="#94a3b8" strokeDasharray="2 4" label={{ value: `Baseline ${kpi.baseline}`, position: "insideBottomRight", fill: "#475569", fontSize: 12 }} />
              )}
              <Line type="monotone" dataKey="value" name={kpi.name} stroke="#0369a1" strokeWidth={3} dot={{ r: 4 }} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
      <figcaption className="text-sm text-slate-700 dark:text-slate-300">
        {kpi.name}
        {kpi.unit ? ` (${kpi.unit})` : ""} per ISO week; dashed green line: the target ({kpi.higherIsBetter ? "higher" : "lower"} is better).
      </figcaption>
    </figure>
  );
}
