"use client";

import Link from "next/link";
import { Line, LineChart, ReferenceLine, YAxis } from "recharts";
import { PDCA_LABELS, type PdcaState } from "@/domain/kaizen/pdca";
import { meetsTarget } from "@/domain/kaizen/kpi";
import type { TProblemCard } from "@/lib/schemas/kaizen";

// Small pieces shared by the Kaizen wall and the problem sheet.

export const PDCA_TONE: Record<PdcaState, string> = {
  PLAN: "bg-sky-100 text-sky-950 dark:bg-sky-950 dark:text-sky-50",
  DO: "bg-violet-100 text-violet-950 dark:bg-violet-950 dark:text-violet-50",
  CHECK: "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-50",
  ACT: "bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50",
  CLOSED: "bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-slate-100",
};

export function PdcaBadge({ state, cycle }: { state: PdcaState; cycle?: number }) {
  return (
    <span data-testid="pdca-state" data-state={state} className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-sm font-bold ${PDCA_TONE[state]}`}>
      {PDCA_LABELS[state]}
      {cycle !== undefined && cycle > 1 && <span className="ml-1 font-medium">· cycle {cycle}</span>}
    </span>
  );
}

export const SOURCE_LABELS: Record<TProblemCard["source"], string> = { ANDON: "Andon", DATA: "From data", MANUAL: "By hand" };

export function formatDays(fromIso: string, now: number): string {
  const days = Math.max(0, Math.floor((now - new Date(fromIso).getTime()) / 86_400_000));
  return days === 0 ? "today" : days === 1 ? "1 day" : `${days} days`;
}

/** The sheet's way back to its wall (the service's tab bar leads to every other wall). */
export function BackToKaizenWall({ serviceKey }: { serviceKey: string }) {
  return (
    <Link className="mt-1 inline-block text-base text-sky-700 underline underline-offset-4 dark:text-sky-400" href={`/services/${serviceKey}/kaizen`}>
      ← Kaizen wall
    </Link>
  );
}

/** A sentence for a screen reader (and the tooltip): where the KPI stands against its target. */
export function kpiSummary(kpi: NonNullable<TProblemCard["kpi"]>, values: TProblemCard["kpiValues"]): string {
  const last = values.at(-1);
  if (!last) return `${kpi.name}: no values yet, target ${kpi.target}${kpi.unit ? ` ${kpi.unit}` : ""}`;
  const ok = meetsTarget(last.value, kpi);
  return `${kpi.name}: ${last.value}${kpi.unit ? ` ${kpi.unit}` : ""} in the week of ${last.week}, target ${kpi.target} (${kpi.higherIsBetter ? "higher" : "lower"} is better): ${ok ? "on target" : "off target"}`;
}

/** The KPI's trend in a card: the weekly values against the target line (dashed). */
export function KpiSparkline({ kpi, values }: { kpi: TProblemCard["kpi"]; values: TProblemCard["kpiValues"] }) {
  if (!kpi) return <p className="text-sm text-slate-600 dark:text-slate-400">No KPI yet</p>;
  const summary = kpiSummary(kpi, values);
  const last = values.at(-1);
  const ok = last ? meetsTarget(last.value, kpi) : null;
  const data = values.slice(-12);
  const nums = [...data.map((d) => d.value), kpi.target];
  const lo = Math.min(...nums);
  const hi = Math.max(...nums);
  const pad = (hi - lo) * 0.1 || 1;
  return (
    <div className="flex items-center gap-2" data-testid="kpi-sparkline" data-on-target={ok === null ? "none" : String(ok)}>
      <div role="img" aria-label={summary} title={summary} className="shrink-0">
        {data.length > 0 ? (
          <LineChart width={112} height={32} data={data} margin={{ top: 3, right: 3, bottom: 3, left: 3 }} accessibilityLayer={false}>
            <YAxis hide domain={[lo - pad, hi + pad]} />
            <ReferenceLine y={kpi.target} stroke="#64748b" strokeDasharray="3 3" />
            <Line type="monotone" dataKey="value" stroke={ok ? "#047857" : "#b91c1c"} strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        ) : (
          <span className="block h-8 w-28 rounded border border-dashed border-slate-300 dark:border-slate-600" />
        )}
      </div>
      <span className={`text-sm font-semibold ${ok === null ? "text-slate-600 dark:text-slate-400" : ok ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}>
        {last ? `${last.value}${kpi.unit ? ` ${kpi.unit}` : ""}` : "no value"}
        <span className="font-normal text-slate-700 dark:text-slate-300"> / target {kpi.target}</span>
      </span>
    </div>
  );
}

export function ErrorAlert({ message, onDismiss }: { message: string | null; onDismiss?: () => void }) {
  if (!message) return null;
  return (
    <div role="alert" className="flex justify-between gap-4 rounded-lg bg-red-100 px-4 py-3 font-medium text-red-900 dark:bg-red-950 dark:text-red-100">
      <span>{message}</span>
      {onDismiss && (
        <button type="button" onClick={onDismiss} className="text-sm underline underline-offset-4">
          Dismiss
        </button>
      )}
    </div>
  );
}
