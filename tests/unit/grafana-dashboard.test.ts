// The Grafana dashboard (ops/grafana/obeya-dashboard.json) queries only what GET /metrics serves:
// every metric name in its expressions exists in the app's registry
// (src/server/observability/metrics.ts; a histogram as _bucket/_sum/_count), and every label it
// filters or groups by is one of that metric's labels (or one Prometheus adds: instance, job, le).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { metrics } from "@/server/observability/metrics";

type Target = { expr?: string };
type Panel = { id: number; title: string; type: string; targets?: Target[]; panels?: Panel[]; datasource?: { uid?: string } };

const dashboard = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../ops/grafana/obeya-dashboard.json"), "utf8")) as {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: { name: string; definition?: string }[] };
};

const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]).filter((p) => p.type !== "row");
const expressions = [
  ...panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: p.title, expr: t.expr ?? "" }))),
  ...dashboard.templating.list.filter((v) => v.definition).map((v) => ({ where: `variable ${v.name}`, expr: v.definition! })),
];

const ADDED_BY_PROMETHEUS = ["instance", "job"];

/** Series names the registry exposes, with the labels of each. */
async function exposed(): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const m of await metrics().registry.getMetricsAsJSON()) {
    const metric = metrics().registry.getSingleMetric(m.name) as unknown as { labelNames?: string[] };
    const labels = [...(metric?.labelNames ?? []), ...ADDED_BY_PROMETHEUS];
    if (String(m.type) === "histogram") {
      out.set(`${m.name}_bucket`, [...labels, "le"]);
      out.set(`${m.name}_sum`, labels);
      out.set(`${m.name}_count`, labels);
    } else {
      out.set(m.name, labels);
    }
  }
  return out;
}

describe("Grafana dashboard", () => {
  it("has panels, each reading the dashboard's Prometheus variable", () => {
    expect(dashboard.uid).toBe("obeya-overview");
    expect(panels.length).toBeGreaterThanOrEqual(10);
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    for (const p of panels) {
      expect(p.datasource?.uid, p.title).toBe("${datasource}");
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
    }
  });

  it("queries only metrics and labels that the registry exposes", async () => {
    const series = await exposed();
    const problems: string[] = [];
    for (const { where, expr } of expressions) {
      const used = [...expr.matchAll(/\b(obeya_[a-z0-9_]+)(\{[^}]*\})?/g)];
      if (used.length === 0) problems.push(`${where}: no obeya_ metric in ${expr}`);
      const labelsHere = new Set<string>();
      for (const [, name, selector] of used) {
        const labels = series.get(name!);
        if (!labels) {
          problems.push(`${where}: ${name} is not in the registry`);
          continue;
        }
        labels.forEach((l) => labelsHere.add(l));
        for (const [, label] of (selector ?? "").matchAll(/([a-zA-Z_]+)\s*(=~|!~|!=|=)/g)) {
          if (!labels.includes(label!)) problems.push(`${where}: ${name} has no label ${label}`);
        }
      }
      for (const [, list] of expr.matchAll(/\bby\s*\(([^)]*)\)/g)) {
        for (const label of list!.split(",").map((l) => l.trim()).filter(Boolean)) {
          if (!labelsHere.has(label)) problems.push(`${where}: grouped by ${label}, which none of its metrics has`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
