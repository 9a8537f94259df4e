"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TServiceWall } from "@/lib/schemas/service-wall";
import { money } from "./form-kit";

// Plan against actual per month at a glance (recharts, SVG). The table beside it carries the
// same numbers for a screen reader and for print, so the chart itself is one labelled image.

export function CostChart({ months }: { months: TServiceWall["cost"]["months"] }) {
  const data = months.map((m) => ({ month: m.month.slice(2), planned: m.planned, actual: m.actual }));
  const over = months.filter((m) => m.variance !== null && m.variance > 0).length;
  return (
    <div
      role="img"
      aria-label={`Operating cost per month, plan against actual: ${over} of ${months.filter((m) => m.actual !== null).length} months with actuals over plan`}
      className="h-48 w-full text-sm"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} barGap={1}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#cbd5e1" />
          <XAxis dataKey="month" tick={{ fill: "currentColor", fontSize: 12 }} interval="preserveStartEnd" />
          <YAxis tick={{ fill: "currentColor", fontSize: 12 }} width={52} tickFormatter={(v: number) => (v >= 1000 ? `${Math.round(v / 1000)}k` : String(v))} />
          <Tooltip formatter={(v) => money(typeof v === "number" ? v : Number(v))} contentStyle={{ color: "#0f172a" }} />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Bar dataKey="planned" name="Plan" fill="#94a3b8" isAnimationActive={false} />
          <Bar dataKey="actual" name="Actual" fill="#0369a1" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
