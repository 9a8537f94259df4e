import "server-only";
import type { Actor } from "@/domain/permissions";
import type { TBacklog } from "@/lib/schemas/backlog";
import { joinLabels, toCsv } from "./backlog-csv";
import { getBacklog } from "./get-backlog";

/** The backlog as JSON (the same shape as the backlog read) or CSV (the columns the import reads). */
export async function exportBacklog(actor: Actor, serviceKeyOrId: string, format: "csv"): Promise<string>;
export async function exportBacklog(actor: Actor, serviceKeyOrId: string, format: "json"): Promise<TBacklog>;
export async function exportBacklog(actor: Actor, serviceKeyOrId: string, format: "csv" | "json"): Promise<string | TBacklog> {
  const backlog = await getBacklog(actor, serviceKeyOrId);
  if (format === "json") return backlog;
  const stageKey = new Map(backlog.stages.map((s) => [s.id, s.key]));
  const teamName = new Map(backlog.teams.map((t) => [t.id, t.name]));
  return toCsv(
    backlog.items.map((item, i) => ({
      position: i + 1,
      id: item.id,
      title: item.title,
      kind: item.kind,
      stage: stageKey.get(item.stageId) ?? "",
      labels: joinLabels(item.labels),
      businessValue: item.businessValue,
      costEstimate: item.costEstimate,
      team: item.teamId ? (teamName.get(item.teamId) ?? "") : "",
      description: item.description,
      rank: item.rank,
    })),
  );
}
