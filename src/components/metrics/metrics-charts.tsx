"use client";

// The metrics wall's charts (recharts, SVG). Each is drawn for the eye only (aria-hidden, and
// recharts' keyboard layer off so nothing hidden takes focus): its
// numbers are in the data table beside it, which is what a screen reader reads.
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { TServiceMetrics } from "@/lib/schemas/metrics";
import { days, stageColour } from "./format";

const AXIS = { fontSize: 13, fill: "#334155" };

function Frame({ children, height = 260 }: { children: React.ReactElement; height?: number }) {
  return (
    <div aria-hidden="true" className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </div>
  );
}

export function CfdChart({ m }: { m: TServiceMetrics }) {
  // Bottom band: the stage furthest downstream (done work), as a CFD is read.
  const shown = m.stages.filter((s) => m.cfd.some((d) => s.id in d.counts));
  const rows = m.cfd.map((d) => ({ day: d.day.slice(5), ...d.counts }));
  return (
    <Frame height={300}>
      <AreaChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
        <XAxis dataKey="day" tick={AXIS} minTickGap={16} />
        <YAxis tick={AXIS} allowDecimals={false} width={40} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        {[...shown].reverse().map((s) => (
          <Area
            key={s.id}
            type="stepAfter"
            dataKey={s.id}
            name={s.name}
            stackId="cfd"
            stroke={stageColour(m.stages.indexOf(s))}
            fill={stageColour(m.stages.indexOf(s))}
            fillOpacity={0.55}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </Frame>
  );
}

export function WipChart({ m }: { m: TServiceMetrics }) {
  return (
    <Frame height={200}>
      <LineChart accessibilityLayer={false} data={m.wip.map((d) => ({ ...d, day: d.day.slice(5) }))} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
        <XAxis dataKey="day" tick={AXIS} minTickGap={16} />
        <YAxis tick={AXIS} allowDecimals={false} width={40} />
        <Tooltip />
        <Line type="stepAfter" dataKey="wip" name="Work in progress" stroke="#1d4ed8" strokeWidth={2} dot={false} isAnimationActive={false} />
      </LineChart>
    </Frame>
  );
}

export function ThroughputChart({ m }: { m: TServiceMetrics }) {
  return (
    <Frame>
      <BarChart accessibilityLayer={false} data={m.throughput} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
        <XAxis dataKey="week" tick={AXIS} minTickGap={8} />
        <YAxis tick={AXIS} allowDecimals={false} width={40} />
        <Tooltip />
        <Bar dataKey="items" name="Items done" fill="#047857" isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}

const PCT_LINES = [
  { key: "p50", colour: "#047857", dash: "0" },
  { key: "p85", colour: "#b45309", dash: "6 3" },
  { key: "p95", colour: "#be123c", dash: "2 3" },
] as const;

export function LeadTimeScatter({ m }: { m: TServiceMetrics }) {
  const points = m.leadTime.items.map((i) => ({ doneAt: Date.parse(i.doneAt), days: days(i.leadTime), title: i.title }));
  const from = Date.parse(m.period.from);
  const to = Date.parse(m.period.to);
  return (
    <Frame height={280}>
      <ScatterChart accessibilityLayer={false} margin={{ top: 8, right: 48, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
        <XAxis
          type="number"
          dataKey="doneAt"
          domain={[from, to]}
          tick={AXIS}
          tickFormatter={(t: number) => new Date(t).toISOString().slice(5, 10)}
          name="Done"
        />
        <YAxis type="number" dataKey="days" tick={AXIS} width={40} name="Lead time (days)" unit=" d" />
        <Tooltip formatter={(v) => String(v)} labelFormatter={() => ""} />
        <Scatter data={points} fill="#1d4ed8" isAnimationActive={false} />
        {PCT_LINES.map(({ key, colour, dash }) => {
          const v = m.leadTime.percentiles[key];
          return v === null ? null : (
            <ReferenceLine key={key} y={days(v)} stroke={colour} strokeDasharray={dash} label={{ value: `${key} ${days(v)} d`, position: "right", fontSize: 12, fill: colour }} />
          );
        })}
      </ScatterChart>
    </Frame>
  );
}

export function LeadTimeHistogram({ m }: { m: TServiceMetrics }) {
  return (
    <Frame height={200}>
      <BarChart accessibilityLayer={false} data={m.leadTime.distribution.map((b) => ({ ...b, bin: `${b.fromDays}–${b.toDays} d` }))} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
        <XAxis dataKey="bin" tick={AXIS} minTickGap={8} />
        <YAxis tick={AXIS} allowDecimals={false} width={40} />
        <Tooltip />
        <Bar dataKey="items" name="Items" fill="#7c3aed" isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}

export function AgingChart({ m }: { m: TServiceMetrics }) {
  const wipStages = m.stages.filter((s) => s.wip);
  const index = new Map(wipStages.map((s, i) => [s.id, i]));
  const points = m.aging.items.filter((a) => index.has(a.stageId)).map((a) => ({ stage: index.get(a.stageId)!, days: days(a.ageInStage), title: a.title }));
  return (
    <Frame height={260}>
      <ScatterChart accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
        <XAxis
          type="number"
          dataKey="stage"
          domain={[-0.5, Math.max(wipStages.length - 0.5, 0.5)]}
          ticks={wipStages.map((_, i) => i)}
          tickFormatter={(i: number) => wipStages[i]?.name ?? ""}
          tick={AXIS}
          name="Stage"
        />
        <YAxis type="number" dataKey="days" tick={AXIS} width={40} unit=" d" name="Age in stage" />
        <Tooltip formatter={(v) => String(v)} labelFormatter={() => ""} />
        <Scatter data={points} fill="#be123c" isAnimationActive={false} />
      </ScatterChart>
    </Frame>
  );
}
