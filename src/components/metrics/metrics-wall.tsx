"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ObeyaEvent } from "@/lib/events";
import type { MetricsChart, TServiceMetrics } from "@/lib/schemas/metrics";
import { ConnectionStatus } from "@/components/wall/connection-status";
import { useWallFeed } from "@/components/wall/use-wall-feed";
import { duration, percent, round1, stageColour } from "./format";
import { AgingChart, CfdChart, LeadTimeHistogram, LeadTimeScatter, ThroughputChart, WipChart } from "./metrics-charts";
import { MetricsHelp } from "./metrics-help";

type Asked = { from?: string; to?: string };
type ForecastAsk = { forecastItems?: string; forecastDate?: string };
type Props = { initial: TServiceMetrics; asked: Asked; periodError: string | null };

// Events that change a number on this wall: flow of items, stage configuration, deployments.
const RELEVANT = /^(item\.|stage\.|stages\.|deployment\.|incident\.)/;
const DEBOUNCE_MS = 300;
const PRESETS = [30, 90, 180, 365] as const;
const DAY = 86_400_000;

function query(asked: Asked, forecast: ForecastAsk, extra: Record<string, string> = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...asked, ...forecast, ...extra })) if (v) q.set(k, v);
  return q.toString();
}

/**
 * The metrics wall of one service: the value stream map, flow charts, forecast and delivery
 * performance for a period. Live: a burst of flow events on the service's feed causes one
 * debounced refetch of the document (the server folds only the new events).
 */
export function MetricsWall({ initial, asked: initialAsked, periodError }: Props) {
  const [m, setM] = useState(initial);
  const [asked, setAsked] = useState<Asked>(initialAsked);
  const [forecastAsk, setForecastAsk] = useState<ForecastAsk>({});
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(periodError);
  const serviceId = initial.service.id;
  const ask = useRef({ asked, forecastAsk });
  useEffect(() => {
    ask.current = { asked, forecastAsk };
  });

  const fetchMetrics = useCallback(async (): Promise<number> => {
    setLoading(true);
    try {
      const res = await fetch(`/api/v1/services/${encodeURIComponent(serviceId)}/metrics?${query(ask.current.asked, ask.current.forecastAsk)}`, {
        credentials: "same-origin",
      });
      const body = (await res.json()) as TServiceMetrics & { message?: string };
      if (!res.ok) {
        setError(body.message ?? `The metrics could not be loaded (${res.status}).`);
        throw new Error(`metrics ${res.status}`);
      }
      setError(null);
      setM(body);
      return body.seq;
    } finally {
      setLoading(false);
    }
  }, [serviceId]);

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshSoon = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      fetchMetrics().catch(() => {});
    }, DEBOUNCE_MS);
  }, [fetchMetrics]);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const onEvent = useCallback((event: ObeyaEvent) => {
    if (RELEVANT.test(event.type)) refreshSoon();
  }, [refreshSoon]);
  const status = useWallFeed({ serviceId, seq: initial.seq, onEvent, reload: fetchMetrics });

  const choosePeriod = (next: Asked) => {
    setAsked(next);
    ask.current = { ...ask.current, asked: next };
    const q = query(next, {});
    window.history.replaceState(null, "", `${window.location.pathname}${q ? `?${q}` : ""}`);
    fetchMetrics().catch(() => {});
  };
  const chooseForecast = (next: ForecastAsk) => {
    setForecastAsk(next);
    ask.current = { ...ask.current, forecastAsk: next };
    fetchMetrics().catch(() => {});
  };

  const csv = (chart: MetricsChart) => `/api/v1/services/${encodeURIComponent(serviceId)}/metrics?${query(asked, forecastAsk, { format: "csv", chart })}`;
  const stageName = (id: string) => m.stages.find((s) => s.id === id)?.name ?? "(removed stage)";
  const nothingMoved = m.vsm.stages.every((s) => s.processTime === 0 && s.waitTime === 0);

  return (
    <main data-testid="metrics-wall" aria-busy={loading} className="mx-auto max-w-[1800px] space-y-6 p-4 sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold sm:text-3xl">Metrics · {m.service.name}</h1>
          <p className="text-base text-slate-700 dark:text-slate-300">
            {m.period.from.slice(0, 10)} to {new Date(Date.parse(m.period.to) - 1).toISOString().slice(0, 10)} ({m.period.days} days) · from the event log · times UTC
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <span role="status" className="text-sm text-slate-700 dark:text-slate-300">
            {loading ? "Updating…" : ""}
          </span>
          <ConnectionStatus status={status} />
        </div>
      </div>

      <PeriodPicker asked={asked} today={m.generatedAt.slice(0, 10)} onChoose={choosePeriod} />
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {error}
        </p>
      )}
      <MetricsHelp />

      <Section id="vsm" title="Value stream map" csv={csv("vsm")}>
        {nothingMoved ? (
          <Empty>No item spent time in any stage in this period.</Empty>
        ) : (
          <div className="grid gap-6 2xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
            <VsmStrip m={m} />
            <Table
              caption="Value stream map per stage"
              head={["Stage", "Process time (avg)", "Wait time (avg)", "Items through", "%C/A", "Sent back"]}
              rows={m.vsm.stages.map((s) => [
                `${s.name}${s.retired ? " (retired)" : ""}`,
                `${duration(s.processTime)} (${duration(s.avgProcessTime)})`,
                `${duration(s.waitTime)} (${duration(s.avgWaitTime)})`,
                s.itemsThrough,
                percent(s.percentCompleteAccurate),
                s.sentBack,
              ])}
              open
            />
          </div>
        )}
      </Section>

      <div className="grid gap-6 xl:grid-cols-2">
        <Section id="cfd" title="Cumulative flow" csv={csv("cfd")}>
          {m.cfd.length === 0 ? <Empty>No days in this period.</Empty> : <CfdChart m={m} />}
          <Table
            caption="Items per stage at the end of each day"
            head={["Day", ...m.stages.filter((s) => m.cfd.some((d) => s.id in d.counts)).map((s) => s.name)]}
            rows={m.cfd.map((d) => [d.day, ...m.stages.filter((s) => s.id in d.counts).map((s) => d.counts[s.id] ?? 0)])}
          />
        </Section>
        <Section id="wip" title="Work in progress" csv={csv("wip")}>
          <p className="text-base">
            Now: <strong data-testid="wip-now">{m.wip[m.wip.length - 1]?.wip ?? 0}</strong> items between {stageName(m.bounds?.startStageId ?? "")} and{" "}
            {stageName(m.bounds?.doneStageId ?? "")}.
          </p>
          {m.wip.length > 0 && <WipChart m={m} />}
          <Table caption="Work in progress at the end of each day" head={["Day", "WIP"]} rows={m.wip.map((d) => [d.day, d.wip])} />
        </Section>
        <Section id="throughput" title="Throughput per week" csv={csv("throughput")}>
          {m.throughput.every((w) => w.items === 0) ? <Empty>No item was done in this period.</Empty> : <ThroughputChart m={m} />}
          <Table
            caption="Items done per ISO week"
            head={["Week", "Starts", "Items done"]}
            rows={m.throughput.map((w) => [w.week + (w.partial ? " (part)" : ""), w.weekStart, w.items])}
          />
        </Section>
        <Section id="lead-time" title="Lead time" csv={csv("lead-time")}>
          <dl className="grid grid-cols-3 gap-2 text-center">
            {(["p50", "p85", "p95"] as const).map((p) => (
              <div key={p} className="rounded bg-slate-100 p-2 dark:bg-slate-800">
                <dt className="text-sm text-slate-700 dark:text-slate-300">{p.slice(1)}% within</dt>
                <dd className="text-xl font-bold">{duration(m.leadTime.percentiles[p])}</dd>
              </div>
            ))}
          </dl>
          {m.leadTime.items.length === 0 ? (
            <Empty>No item was done in this period.</Empty>
          ) : (
            <>
              <LeadTimeScatter m={m} />
              <LeadTimeHistogram m={m} />
            </>
          )}
          <Table
            caption="Items done in the period"
            head={["Item", "Done", "Lead time", "Process time", "Rework", "Sent back"]}
            rows={m.leadTime.items.map((i) => [i.title, i.doneAt.slice(0, 16).replace("T", " "), duration(i.leadTime), duration(i.processTime), duration(i.reworkTime), i.rejections])}
          />
        </Section>
        <Section id="aging" title="Aging work in progress" csv={csv("aging")}>
          {m.aging.items.length === 0 ? <Empty>No work in progress.</Empty> : <AgingChart m={m} />}
          <Table
            caption="Open items by age in their current stage, against the stage's history"
            head={["Item", "Stage", "Age in stage", "Beyond"]}
            rows={m.aging.items.map((a) => [a.title, stageName(a.stageId), duration(a.ageInStage), a.beyond ? `${a.beyond.slice(1)}th percentile` : "—"])}
          />
          <Table
            caption="Time in stage of the stays that ended in the period"
            head={["Stage", "Stays", "50%", "85%", "95%"]}
            rows={m.aging.stages.map((s) => [stageName(s.stageId), s.completedStays, duration(s.p50), duration(s.p85), duration(s.p95)])}
          />
        </Section>
        <Section id="forecast" title="Forecast" csv={csv("forecast")}>
          <Forecast m={m} onAsk={chooseForecast} />
        </Section>
      </div>

      <Section id="dora" title="Delivery performance (DORA)" csv={csv("dora")}>
        <Dora m={m} />
      </Section>
    </main>
  );
}

function Section({ id, title, csv, children }: { id: string; title: string; csv: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3 rounded-xl bg-white p-4 shadow-sm dark:bg-slate-900">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-title`} className="text-xl font-bold">
          {title}
        </h2>
        <a href={csv} className="text-sm font-medium text-sky-800 underline underline-offset-4 dark:text-sky-300" download>
          Download CSV<span className="sr-only"> of {title}</span>
        </a>
      </div>
      {children}
    </section>
  );
}

function Empty({ children }: { children: React.ReactNode }) {
  return <p className="rounded border border-dashed border-slate-300 p-6 text-center text-slate-700 dark:border-slate-700 dark:text-slate-300">{children}</p>;
}

function Table({ caption, head, rows, open = false }: { caption: string; head: string[]; rows: (string | number)[][]; open?: boolean }) {
  const table = (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className={open ? "mb-1 text-left font-semibold" : "sr-only"}>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="border-b border-slate-300 px-2 py-1 font-semibold dark:border-slate-600">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={head.length} className="px-2 py-1 text-slate-700 dark:text-slate-300">
                No data
              </td>
            </tr>
          ) : (
            rows.map((r, i) => (
              <tr key={i} className="odd:bg-slate-50 dark:odd:bg-slate-800/50">
                {r.map((c, j) =>
                  j === 0 ? (
                    <th key={j} scope="row" className="px-2 py-1 font-normal">
                      {c}
                    </th>
                  ) : (
                    <td key={j} className="px-2 py-1 tabular-nums">
                      {c}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
  if (open) return table;
  return (
    <details className="rounded border border-slate-200 px-2 py-1 dark:border-slate-700">
      <summary className="cursor-pointer text-sm font-medium">Data table: {caption}</summary>
      {table}
    </details>
  );
}

function VsmStrip({ m }: { m: TServiceMetrics }) {
  const v = m.vsm;
  return (
    <div className="space-y-4">
      <ol aria-label="Value stream map" className="flex flex-wrap items-stretch gap-y-3">
        {v.stages.map((s, i) => (
          <li key={s.stageId} className="flex items-stretch">
            {/* Wait before and around the work: the triangle of a VSM, as a lane between boxes. */}
            <div className="flex w-16 flex-col items-center justify-center px-1 text-center text-xs text-amber-900 dark:text-amber-200">
              <span aria-hidden="true" className="text-lg leading-none">
                ▽
              </span>
              <span>wait</span>
              <span className="font-semibold">{duration(s.avgWaitTime)}</span>
            </div>
            <div
              className="flex w-36 flex-col justify-between rounded-md border-2 bg-slate-50 p-2 dark:bg-slate-800"
              style={{ borderColor: stageColour(m.stages.findIndex((x) => x.id === s.stageId)) }}
            >
              <p className="font-semibold leading-tight">
                {s.name}
                {s.retired && <span className="block text-xs font-normal">(retired)</span>}
              </p>
              <dl className="mt-1 text-sm">
                <div className="flex justify-between gap-1">
                  <dt>P/T</dt>
                  <dd className="font-semibold">{duration(s.avgProcessTime)}</dd>
                </div>
                <div className="flex justify-between gap-1">
                  <dt>%C/A</dt>
                  <dd>{percent(s.percentCompleteAccurate)}</dd>
                </div>
                <div className="flex justify-between gap-1">
                  <dt>through</dt>
                  <dd>{s.itemsThrough}</dd>
                </div>
              </dl>
            </div>
            {i === v.stages.length - 1 && <span className="sr-only">end of the value stream</span>}
          </li>
        ))}
      </ol>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5" data-testid="vsm-totals">
        <Stat label="Lead time (mean)" value={duration(v.leadTime)} />
        <Stat label="Process time (mean)" value={duration(v.processTime)} />
        <Stat label="Wait time (mean)" value={duration(v.waitTime)} />
        <Stat label="Flow efficiency" value={percent(v.flowEfficiency)} />
        <Stat label="Items done" value={String(v.finished)} />
      </dl>
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded bg-slate-100 p-2 text-center dark:bg-slate-800">
      <dt className="text-sm text-slate-700 dark:text-slate-300">{label}</dt>
      <dd className="text-xl font-bold" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function PeriodPicker({ asked, today, onChoose }: { asked: Asked; today: string; onChoose: (a: Asked) => void }) {
  const [from, setFrom] = useState(asked.from?.slice(0, 10) ?? "");
  const [to, setTo] = useState(asked.to?.slice(0, 10) ?? "");
  const preset = (n: number) => {
    const f = new Date(Date.parse(today) + DAY - n * DAY).toISOString().slice(0, 10);
    setFrom(f);
    setTo("");
    onChoose({ from: f });
  };
  return (
    <form
      aria-label="Period"
      className="flex flex-wrap items-end gap-3 rounded-xl bg-white p-3 shadow-sm dark:bg-slate-900"
      onSubmit={(e) => {
        e.preventDefault();
        onChoose({ from: from || undefined, to: to || undefined });
      }}
    >
      <div className="flex flex-wrap gap-2" role="group" aria-label="Last days">
        {PRESETS.map((n) => (
          <button key={n} type="button" onClick={() => preset(n)} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800">
            Last {n} days
          </button>
        ))}
      </div>
      <label className="flex flex-col text-sm font-medium">
        From
        <input type="date" value={from} max={today} onChange={(e) => setFrom(e.target.value)} className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-800" />
      </label>
      <label className="flex flex-col text-sm font-medium">
        To (included)
        <input type="date" value={to} max={today} onChange={(e) => setTo(e.target.value)} className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-800" />
      </label>
      <button type="submit" className="rounded bg-sky-800 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-900">
        Show period
      </button>
    </form>
  );
}

function Forecast({ m, onAsk }: { m: TServiceMetrics; onAsk: (f: ForecastAsk) => void }) {
  const f = m.forecast;
  const [items, setItems] = useState(String(f.when.items));
  const [date, setDate] = useState(f.howMany.date);
  return (
    <div className="space-y-3">
      {f.noData && <Empty>{f.noData}</Empty>}
      <p className="text-base" data-testid="forecast-when">
        The next <strong>{f.when.items}</strong> {f.when.items === 1 ? "item" : "items"} ({f.backlogItems} in the backlog):{" "}
        {f.when.dates ? (
          <>
            done by <strong>{f.when.dates.p85}</strong> with 85% confidence (50%: {f.when.dates.p50}; 95%: {f.when.dates.p95}).
          </>
        ) : (
          "no forecast."
        )}
      </p>
      <p className="text-base" data-testid="forecast-how-many">
        By <strong>{f.howMany.date}</strong>:{" "}
        {f.howMany.items ? (
          <>
            at least <strong>{f.howMany.items.p85}</strong> items with 85% confidence (50%: {f.howMany.items.p50}; 95%: {f.howMany.items.p95}).
          </>
        ) : (
          "no forecast."
        )}
      </p>
      <form
        className="flex flex-wrap items-end gap-3"
        aria-label="Forecast question"
        onSubmit={(e) => {
          e.preventDefault();
          onAsk({ forecastItems: items, forecastDate: date });
        }}
      >
        <label className="flex flex-col text-sm font-medium">
          How many items
          <input type="number" min={1} max={10000} value={items} onChange={(e) => setItems(e.target.value)} className="w-28 rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-800" />
        </label>
        <label className="flex flex-col text-sm font-medium">
          By which day
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-800" />
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800">
          Forecast
        </button>
      </form>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {round1(f.runs)} Monte Carlo runs over the {f.sampleDays} days of this period&apos;s throughput (seed {f.seed}: the same question gives the same answer).
      </p>
    </div>
  );
}

const TIER_LOOK: Record<string, string> = {
  elite: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  high: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  medium: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  low: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
};

/** Per day when daily, else per week or per month: "0 per day" says nothing. */
function frequency(perDay: number): string {
  if (perDay >= 1) return `${round1(perDay)} per day`;
  if (perDay >= 1 / 7) return `${round1(perDay * 7)} per week`;
  return `${round1(perDay * 30)} per month`;
}

const CAUSE_LABEL: Record<"DEPLOYMENT" | "COMMIT" | "TIME_WINDOW", string> = {
  DEPLOYMENT: "named",
  COMMIT: "by commit",
  TIME_WINDOW: "last deployment within 24 h",
};

function Dora({ m }: { m: TServiceMetrics }) {
  const d = m.dora;
  const trend = (now: number | null, before: number | null, unit: string) =>
    now === null || before === null ? null : `before: ${round1(before)}${unit}`;
  const keys: { name: string; value: string; tier: string | null; noData: string | null; note?: string | null }[] = [
    {
      name: "Deployment frequency",
      value: frequency(d.deploymentFrequency.perDay),
      tier: d.deploymentFrequency.tier,
      noData: d.deploymentFrequency.noData,
      note: d.deploymentFrequency.previousPerDay === null ? null : `before: ${frequency(d.deploymentFrequency.previousPerDay)}`,
    },
    { name: "Lead time for changes", value: `${duration(d.leadTimeForChanges.median)} (85%: ${duration(d.leadTimeForChanges.p85)})`, tier: d.leadTimeForChanges.tier, noData: d.leadTimeForChanges.noData },
    {
      name: "Change failure rate",
      value: `${percent(d.changeFailureRate.percent)} (${d.changeFailureRate.failed} of ${d.deployments})`,
      tier: d.changeFailureRate.tier,
      noData: d.changeFailureRate.noData,
      note: trend(d.changeFailureRate.percent, d.changeFailureRate.previousPercent, " %"),
    },
    {
      name: "Failed deployment recovery time",
      value: `${duration(d.recoveryTime.median)} (85%: ${duration(d.recoveryTime.p85)})`,
      tier: d.recoveryTime.tier,
      noData: d.recoveryTime.noData,
      note: `${d.recoveryTime.incidents} incident${d.recoveryTime.incidents === 1 ? "" : "s"} resolved`,
    },
    {
      name: "Deployment rework rate",
      value: `${percent(d.reworkRate.percent)} (${d.reworkRate.rework} of ${d.deployments})`,
      tier: null,
      noData: d.reworkRate.noData,
      note: "no published tiers",
    },
  ];
  const shortSha = (sha: string | null) => (sha ? sha.slice(0, 8) : "—");
  const time = (t: string | null) => (t ? t.slice(0, 16).replace("T", " ") : "open");
  return (
    <div className="space-y-3">
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-5">
        {keys.map((k) => (
          <li key={k.name} className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
            <p className="font-semibold">{k.name}</p>
            {k.noData ? (
              <p className="mt-1 text-slate-700 dark:text-slate-300">No data: {k.noData}</p>
            ) : (
              <>
                <p className="mt-1 text-xl font-bold">{k.value}</p>
                {k.tier && <p className={`mt-1 inline-block rounded px-2 py-0.5 text-sm font-semibold ${TIER_LOOK[k.tier]}`}>{k.tier}</p>}
                {k.note && <p className="text-sm text-slate-700 dark:text-slate-300">{k.note}</p>}
              </>
            )}
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {d.deployments} production deployments in the period ({d.successfulDeployments} successful). Tiers: the 2024 Accelerate State of DevOps Report&apos;s
        clusters (how each is read: src/domain/metrics/dora.ts). A deployment counts as a change failure when it failed or caused an incident (once, however many).
        Lead time for changes runs from the change&apos;s first commit to the end of its production deployment.
      </p>
      <Table
        caption="Production deployments behind these numbers"
        head={["Finished", "Result", "Commit", "Lead time", "Change failure", "Rework for incident"]}
        rows={d.deploymentList.map((x) => [time(x.finishedAt), x.result, shortSha(x.commitSha), duration(x.leadTime), x.failed ? "yes" : "no", d.incidentList.find((i) => i.id === x.reworkForIncidentId)?.key ?? (x.reworkForIncidentId ? "yes" : "—")])}
      />
      <Table
        caption="Incidents behind these numbers"
        head={["Incident", "Severity", "Opened", "Resolved", "Recovery", "Caused by"]}
        rows={d.incidentList.map((i) => [
          `${i.key}: ${i.title}`,
          i.severity ?? "—",
          time(i.openedAt),
          time(i.resolvedAt),
          duration(i.recovery),
          i.causedByDeploymentId ? `deployment ${i.causedByDeploymentId.slice(-6)} (${CAUSE_LABEL[i.causeLink ?? "DEPLOYMENT"]})` : "not known",
        ])}
      />
    </div>
  );
}
