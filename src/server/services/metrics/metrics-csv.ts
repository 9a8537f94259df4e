import "server-only";
import type { MetricsChart, TServiceMetrics } from "@/lib/schemas/metrics";

const HOUR = 3_600_000;
const hours = (ms: number | null | undefined) => (ms === null || ms === undefined ? "" : (ms / HOUR).toFixed(2));
const num = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? "" : n.toFixed(digits));

/** RFC 4180 field: quoted when it holds a comma, quote or line break; formula-leading text is defused. */
function field(value: string | number | boolean): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value === "string") s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header: string[], rows: (string | number | boolean)[][]): string {
  return [header, ...rows].map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}

/** One chart's data as CSV — the same numbers as its table on the page (durations in hours). */
export function metricsCsv(m: TServiceMetrics, chart: MetricsChart): string {
  const stageName = new Map(m.stages.map((s) => [s.id, s.name]));
  const name = (id: string) => stageName.get(id) ?? id;
  switch (chart) {
    case "vsm":
      return csv(
        ["stage", "process_hours", "wait_hours", "blocked_hours", "queued_hours", "done_waiting_hours", "avg_process_hours", "avg_wait_hours", "items_through", "percent_complete_accurate", "sent_back"],
        m.vsm.stages.map((s) => [s.name, hours(s.processTime), hours(s.waitTime), hours(s.blockedTime), hours(s.queuedTime), hours(s.doneWaitingTime), hours(s.avgProcessTime), hours(s.avgWaitTime), s.itemsThrough, num(s.percentCompleteAccurate), s.sentBack]),
      );
    case "cfd": {
      const ids = m.stages.filter((s) => m.cfd.some((d) => s.id in d.counts)).map((s) => s.id);
      return csv(["day", ...ids.map(name)], m.cfd.map((d) => [d.day, ...ids.map((id) => d.counts[id] ?? 0)]));
    }
    case "wip":
      return csv(["day", "wip"], m.wip.map((d) => [d.day, d.wip]));
    case "throughput":
      return csv(["week", "week_start", "items", "partial"], m.throughput.map((w) => [w.week, w.weekStart, w.items, w.partial]));
    case "lead-time":
      return csv(
        ["item_id", "title", "done_at", "lead_time_hours", "process_time_hours", "rework_hours", "rejections"],
        m.leadTime.items.map((i) => [i.itemId, i.title, i.doneAt, hours(i.leadTime), hours(i.processTime), hours(i.reworkTime), i.rejections]),
      );
    case "aging":
      return csv(
        ["item_id", "title", "stage", "age_in_stage_hours", "entered_stage_at", "beyond"],
        m.aging.items.map((a) => [a.itemId, a.title, name(a.stageId), hours(a.ageInStage), a.enteredStageAt, a.beyond ?? ""]),
      );
    case "forecast": {
      const f = m.forecast;
      return csv(
        ["question", "p50", "p85", "p95"],
        [
          [`days to finish ${f.when.items} items`, f.when.days?.p50 ?? "", f.when.days?.p85 ?? "", f.when.days?.p95 ?? ""],
          [`done by (day) for ${f.when.items} items`, f.when.dates?.p50 ?? "", f.when.dates?.p85 ?? "", f.when.dates?.p95 ?? ""],
          [`items done by ${f.howMany.date}`, f.howMany.items?.p50 ?? "", f.howMany.items?.p85 ?? "", f.howMany.items?.p95 ?? ""],
        ],
      );
    }
    case "dora": {
      const d = m.dora;
      return csv(
        ["metric", "value", "unit", "tier", "no_data"],
        [
          ["deployment frequency", num(d.deploymentFrequency.perDay, 3), "per day", d.deploymentFrequency.tier ?? "", d.deploymentFrequency.noData ?? ""],
          ["lead time for changes (median)", hours(d.leadTimeForChanges.median), "hours", d.leadTimeForChanges.tier ?? "", d.leadTimeForChanges.noData ?? ""],
          ["change failure rate", num(d.changeFailureRate.percent), "%", d.changeFailureRate.tier ?? "", d.changeFailureRate.noData ?? ""],
          ["failed deployment recovery time (median)", hours(d.recoveryTime.median), "hours", d.recoveryTime.tier ?? "", d.recoveryTime.noData ?? ""],
          ["deployment rework rate", num(d.reworkRate.percent), "%", "", d.reworkRate.noData ?? ""],
        ],
      );
    }
  }
}
