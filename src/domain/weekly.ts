// The weekly synchronisation: the agenda of a service's weekly meeting for one ISO week (Monday
// 00:00 UTC to the next Monday), built from the walls — the event log of the week and the rows
// that are waiting now — plus the decisions and actions the facilitator recorded against its
// lines. Pure: the server reads the rows (src/server/services/weekly), this decides what is said.
import { isOverdue } from "./kaizen/pdca";
import { addWeeks, isoWeekStart } from "./kaizen/weeks";
import { isoWeekLabel } from "./metrics/period";
import type { StageProblem } from "./visual-control";

/** "2026-W49" → its Monday 00:00 UTC; null when the label is not a real ISO week. */
export function parseIsoWeek(label: string): Date | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(label.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > 53) return null;
  // The Monday of week 1 is the Monday of the week holding 4 January.
  const week1 = isoWeekStart(new Date(Date.UTC(year, 0, 4)));
  const monday = addWeeks(week1, week - 1);
  // Week 53 exists only in some years: it must still belong to `year`.
  return isoWeekLabel(monday.getTime()) === `${year}-W${m[2]}` ? monday : null;
}

export const weekLabel = (weekStart: Date): string => isoWeekLabel(weekStart.getTime());

/** The chosen week ([from, to)), its label, and the weeks before and after (for the links). */
export function weekOf(weekStart: Date): { from: Date; to: Date; label: string; previous: string; next: string } {
  const from = isoWeekStart(weekStart);
  return { from, to: addWeeks(from, 1), label: weekLabel(from), previous: weekLabel(addWeeks(from, -1)), next: weekLabel(addWeeks(from, 1)) };
}

export type WeeklyEventInput = { seq: number; type: string; createdAt: Date; payload: unknown; actorName: string | null };

export type WeeklyAction = {
  id: string;
  weekStart: Date; // the meeting it was recorded in
  lineKey: string;
  lineText: string;
  text: string;
  ownerId: string;
  ownerName: string;
  dueDate: Date;
  done: boolean;
  doneAt: Date | null;
  version: number;
};

export type WeeklyDecision = { id: string; weekStart: Date; lineKey: string; lineText: string; text: string; byName: string | null; at: Date };

export type WeeklyFacts = {
  weekStart: Date;
  now: Date;
  /** the service's events created in the week, ascending seq */
  events: readonly WeeklyEventInput[];
  stages: ReadonlyArray<{ id: string; name: string }>;
  /** names of the problems, releases and gate decisions the events name */
  problems: ReadonlyMap<string, { title: string }>;
  releases: ReadonlyMap<string, { name: string }>;
  /** requests for change waiting for approval now */
  rfcsWaiting: ReadonlyArray<{ id: string; title: string; createdAt: Date }>;
  /** releases whose target date falls before the week's end, not yet deployed to production */
  releasesDue: ReadonlyArray<{ id: string; name: string; targetDate: Date; decision: "GO" | "NO_GO" | null }>;
  /** open countermeasures of open problems due before the week's end */
  countermeasuresDue: ReadonlyArray<{ id: string; description: string; dueDate: Date; ownerName: string | null; problemId: string; problemTitle: string }>;
  /** open problems with a KPI and a target, and the week's value if one was recorded */
  kpis: ReadonlyArray<{ problemId: string; title: string; kpiName: string; kpiTarget: number; kpiUnit: string | null; ownerId: string | null; value: number | null }>;
  /** lead time (p50, ms) and throughput (items done) of the week and the week before, from the metrics service */
  flow: { thisWeek: FlowFigures | null; lastWeek: FlowFigures | null };
  /** actions recorded in this week, and those of earlier weeks still open */
  actions: readonly WeeklyAction[];
  /** decisions recorded in this week */
  decisions: readonly WeeklyDecision[];
};

export type FlowFigures = { throughput: number; leadTimeP50: number | null };

export type AgendaLine = {
  /** what decisions and actions are recorded against: stable across weeks for the same thing */
  key: string;
  text: string;
  /** when it happened, or when it is due (ISO) */
  at: string | null;
  /** e.g. overdue, waiting for N days */
  flag: string | null;
  /** the Kaizen problem it concerns (its sheet), if any */
  problemId: string | null;
  /** a KPI value due this week: the problem whose weekly KPI to enter here */
  kpi?: { problemId: string; name: string; target: number; unit: string | null; ownerId: string | null; value: number | null };
  /** an action: its record (open ones carry into later weeks) */
  action?: { id: string; ownerId: string; ownerName: string; dueDate: string; done: boolean; version: number; weekLabel: string; overdue: boolean };
};

export type AgendaSectionKey =
  | "problemsOpened"
  | "problemsClosed"
  | "andonsPulled"
  | "andonsReleased"
  | "goNoGo"
  | "rfcsWaiting"
  | "releasesDue"
  | "countermeasuresDue"
  | "kpisDue"
  | "flow"
  | "actions";

export type AgendaSection = { key: AgendaSectionKey; title: string; empty: string; lines: AgendaLine[] };

export type WeeklyAgenda = {
  week: string;
  from: string;
  to: string;
  previous: string;
  next: string;
  sections: AgendaSection[];
  /** decisions and actions recorded this week, by the line they were recorded against */
  notes: Record<string, { decisions: Array<{ id: string; text: string; byName: string | null; at: string }>; actionIds: string[] }>;
  /** the one visual-control model: open actions past their due day */
  problems: StageProblem[];
};

export const SECTION_TITLES: Record<AgendaSectionKey, { title: string; empty: string }> = {
  problemsOpened: { title: "Problems opened", empty: "No problem was opened." },
  problemsClosed: { title: "Problems closed", empty: "No problem was closed." },
  andonsPulled: { title: "Andons pulled", empty: "No andon was pulled." },
  andonsReleased: { title: "Andons released", empty: "No andon was released." },
  goNoGo: { title: "Go/no-go decisions", empty: "No go/no-go decision." },
  rfcsWaiting: { title: "RfCs waiting", empty: "No request for change is waiting." },
  releasesDue: { title: "Releases due", empty: "No release is due." },
  countermeasuresDue: { title: "Countermeasures due", empty: "No countermeasure is due." },
  kpisDue: { title: "Kaizen KPI values due", empty: "No weekly KPI to enter." },
  flow: { title: "Lead time and throughput", empty: "No flow figures." },
  actions: { title: "Actions", empty: "No open action." },
};

const DAY_MS = 86_400_000;
type P = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const day = (d: Date) => d.toISOString().slice(0, 10);

/** "3.2 d", "5 h": a lead time said the way the metrics wall says it. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "no data";
  const hours = ms / 3_600_000;
  return hours < 48 ? `${Math.round(hours * 10) / 10} h` : `${Math.round((hours / 24) * 10) / 10} d`;
}

/** The change from last week in words: "up 2 from 3", "the same", "no data last week". */
export function comparison(now: number | null, before: number | null, say: (n: number) => string): string {
  if (now === null) return "no data this week";
  if (before === null) return `${say(now)} (no data last week)`;
  if (now === before) return `${say(now)}, the same as last week`;
  return `${say(now)}, ${now > before ? "up" : "down"} from ${say(before)} last week`;
}

/** An open action past its due day (a due date names a day, as countermeasures' do). */
export function isActionOverdue(a: { done: boolean; dueDate: Date }, now: Date): boolean {
  return isOverdue({ done: a.done, dueDate: a.dueDate }, now);
}

/**
 * Visual control: each open action past its due day is a problem, said the way the wall says
 * what is wrong. The wall's stage model (StageProblem), not a second one.
 */
export function weeklyActionProblems(actions: ReadonlyArray<Pick<WeeklyAction, "id" | "text" | "ownerName" | "done" | "dueDate">>, now: Date): StageProblem[] {
  const late = actions.filter((a) => isActionOverdue(a, now));
  if (late.length === 0) return [];
  return [
    {
      kind: "ACTION_OVERDUE",
      message: late.length === 1 ? `Weekly action overdue — ${late[0]!.text} (${late[0]!.ownerName})` : `${late.length} weekly actions overdue — ${late.map((a) => a.ownerName).join(", ")}`,
      itemIds: [],
      actionIds: late.map((a) => a.id),
    },
  ];
}

/**
 * The agenda of the week: what the walls say happened in it (from its events), what waits now
 * (RfCs, releases and countermeasures due by its end, KPI values to enter), flow against the
 * week before, and the actions — those recorded in the week and every earlier one still open.
 */
export function buildWeeklyAgenda(f: WeeklyFacts): WeeklyAgenda {
  const week = weekOf(f.weekStart);
  const stageName = new Map(f.stages.map((s) => [s.id, s.name]));
  const where = (stageId: string | null) => (stageId && stageName.get(stageId) ? ` · ${stageName.get(stageId)}` : "");
  const lines: Record<AgendaSectionKey, AgendaLine[]> = {
    problemsOpened: [],
    problemsClosed: [],
    andonsPulled: [],
    andonsReleased: [],
    goNoGo: [],
    rfcsWaiting: [],
    releasesDue: [],
    countermeasuresDue: [],
    kpisDue: [],
    flow: [],
    actions: [],
  };
  const line = (key: string, text: string, at: Date | null, extra: Partial<AgendaLine> = {}): AgendaLine => ({
    key,
    text,
    at: at ? at.toISOString() : null,
    flag: null,
    problemId: null,
    ...extra,
  });

  for (const e of f.events) {
    if (e.createdAt < week.from || e.createdAt >= week.to) continue;
    const p = (e.payload ?? {}) as P;
    const by = e.actorName ? ` (${e.actorName})` : "";
    switch (e.type) {
      case "problem.opened": {
        const id = String(p.problemId);
        lines.problemsOpened.push(line(`problem:${id}`, `${str(p.title) ?? f.problems.get(id)?.title ?? "A problem"}${where(str(p.stageId))}`, e.createdAt, { problemId: id }));
        break;
      }
      case "problem.pdca.moved": {
        if (p.to !== "CLOSED") break;
        const id = String(p.problemId);
        const standard = str(p.standard);
        lines.problemsClosed.push(
          line(`problem:${id}`, `${f.problems.get(id)?.title ?? "A problem"}${standard ? ` — new standard: ${standard}` : ""}`, e.createdAt, { problemId: id }),
        );
        break;
      }
      case "andon.pulled":
        lines.andonsPulled.push(line(`andon:${String(p.andonId)}`, `${str(p.reason) ?? "Andon"}${where(str(p.stageId))}${by}`, e.createdAt, { problemId: str(p.problemId) }));
        break;
      case "andon.released": {
        const cm = str(p.countermeasure);
        lines.andonsReleased.push(line(`andon:${String(p.andonId)}`, `${cm ? `Released: ${cm}` : "Released"}${where(str(p.stageId))}${by}`, e.createdAt));
        break;
      }
      case "release.decided": {
        const release = f.releases.get(String(p.releaseId))?.name ?? "A release";
        const failed = Array.isArray(p.assessments) ? (p.assessments as Array<{ result?: string }>).filter((a) => a.result === "FAIL").length : 0;
        lines.goNoGo.push(
          line(
            `release:${String(p.releaseId)}`,
            `${release}: ${p.outcome === "GO" ? "GO" : "NO-GO"}${p.outcome !== "GO" && failed > 0 ? ` (${failed} ${failed === 1 ? "criterion" : "criteria"} failed)` : ""}${by}`,
            e.createdAt,
          ),
        );
        break;
      }
    }
  }

  for (const r of f.rfcsWaiting) {
    const days = Math.floor((week.to.getTime() - r.createdAt.getTime()) / DAY_MS);
    lines.rfcsWaiting.push(line(`rfc:${r.id}`, r.title, r.createdAt, { flag: days >= 1 ? `waiting ${days} ${days === 1 ? "day" : "days"}` : null }));
  }
  for (const r of f.releasesDue) {
    const late = r.targetDate < week.from;
    const decided = r.decision ? ` · ${r.decision === "GO" ? "GO" : "NO-GO"}` : " · no go/no-go yet";
    lines.releasesDue.push(line(`release:${r.id}`, `${r.name}${decided}`, r.targetDate, { flag: late ? "past its target date" : null }));
  }
  for (const c of f.countermeasuresDue) {
    const late = isOverdue({ done: false, dueDate: c.dueDate }, f.now);
    lines.countermeasuresDue.push(
      line(`countermeasure:${c.id}`, `${c.description} (${c.problemTitle})${c.ownerName ? ` · ${c.ownerName}` : ""}`, c.dueDate, { problemId: c.problemId, flag: late ? "overdue" : null }),
    );
  }
  // A week that has not started has no value to enter yet (as recordKpiValue refuses it).
  if (week.from <= isoWeekStart(f.now)) {
    for (const k of f.kpis) {
      lines.kpisDue.push(
        line(`kpi:${k.problemId}`, `${k.kpiName} (${k.title}) — target ${k.kpiTarget}${k.kpiUnit ? ` ${k.kpiUnit}` : ""}`, null, {
          problemId: k.problemId,
          flag: k.value === null ? "not entered" : null,
          kpi: { problemId: k.problemId, name: k.kpiName, target: k.kpiTarget, unit: k.kpiUnit, ownerId: k.ownerId, value: k.value },
        }),
      );
    }
  }
  const { thisWeek, lastWeek } = f.flow;
  if (thisWeek || lastWeek) {
    lines.flow.push(
      line("flow:leadTime", `Lead time (median): ${comparison(thisWeek?.leadTimeP50 ?? null, lastWeek?.leadTimeP50 ?? null, (ms) => formatDuration(ms))}`, null),
      line("flow:throughput", `Throughput: ${comparison(thisWeek?.throughput ?? null, lastWeek?.throughput ?? null, (n) => `${n} ${n === 1 ? "item" : "items"} done`)}`, null),
    );
  }

  // Actions: those recorded this week and earlier ones still open, oldest due first.
  const shown = f.actions
    .filter((a) => a.weekStart.getTime() === week.from.getTime() || (a.weekStart < week.from && (!a.done || (a.doneAt !== null && a.doneAt >= week.from))))
    .sort((a, b) => a.dueDate.getTime() - b.dueDate.getTime() || a.id.localeCompare(b.id));
  for (const a of shown) {
    const overdue = isActionOverdue(a, f.now);
    const carried = a.weekStart < week.from;
    lines.actions.push(
      line(`action:${a.id}`, `${a.text} — ${a.ownerName}, due ${day(a.dueDate)}`, a.dueDate, {
        flag: a.done ? "done" : overdue ? "overdue" : carried ? `from ${weekLabel(a.weekStart)}` : null,
        action: { id: a.id, ownerId: a.ownerId, ownerName: a.ownerName, dueDate: day(a.dueDate), done: a.done, version: a.version, weekLabel: weekLabel(a.weekStart), overdue },
      }),
    );
  }

  const notes: WeeklyAgenda["notes"] = {};
  const noteOf = (key: string) => (notes[key] ??= { decisions: [], actionIds: [] });
  for (const d of [...f.decisions].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (d.weekStart.getTime() !== week.from.getTime()) continue;
    noteOf(d.lineKey).decisions.push({ id: d.id, text: d.text, byName: d.byName, at: d.at.toISOString() });
  }
  for (const a of shown) if (a.weekStart.getTime() === week.from.getTime()) noteOf(a.lineKey).actionIds.push(a.id);

  const order: AgendaSectionKey[] = ["problemsOpened", "problemsClosed", "andonsPulled", "andonsReleased", "goNoGo", "rfcsWaiting", "releasesDue", "countermeasuresDue", "kpisDue", "flow", "actions"];
  return {
    week: week.label,
    from: week.from.toISOString(),
    to: week.to.toISOString(),
    previous: week.previous,
    next: week.next,
    sections: order.map((key) => ({ key, ...SECTION_TITLES[key], lines: lines[key] })),
    notes,
    problems: weeklyActionProblems(shown, f.now),
  };
}
