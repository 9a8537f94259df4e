import "server-only";
import { isProduction } from "@/domain/metrics/dora";
import { latestDecision } from "@/domain/releases";
import { addWeeks, isoWeekStart } from "@/domain/kaizen/weeks";
import { buildWeeklyAgenda, parseIsoWeek, type WeeklyAction } from "@/domain/weekly";
import { AppError } from "@/lib/errors";
import type { TWeeklyAgenda } from "@/lib/schemas/weekly";
import { db } from "@/server/db";
import { flowFigures } from "@/server/services/metrics/week-flow";
import { teamWorkerWhere } from "@/server/services/problems/problem-access";

/**
 * The event types the agenda is built from (src/domain/weekly.ts): problems, andons and gate
 * decisions — a handful a week, not the flow of cards, so a week's worth is read whole.
 */
const AGENDA_EVENT_TYPES = ["problem.opened", "problem.pdca.moved", "andon.pulled", "andon.released", "release.decided"];

export type WeeklyService = { id: string; key: string; name: string; teamId: string; lastSeq: number; teamName: string };

/** The week asked for (an ISO week label; default: the current week), or a 400 naming `week`. */
export function resolveWeek(label: string | undefined, now: Date): Date {
  if (label === undefined) return isoWeekStart(now);
  const monday = parseIsoWeek(label);
  if (!monday) {
    const message = "That ISO week does not exist: give one such as 2026-W49.";
    throw new AppError("VALIDATION_FAILED", message, { issues: [{ path: "week", message }] });
  }
  return monday;
}

/**
 * The weekly agendas of the given services (already authorised by the caller) for one week:
 * the pure builder (src/domain/weekly.ts) over the week's events and the rows that wait. A
 * fixed number of queries whatever the number of services, plus the metrics fold per service.
 */
export async function loadWeeklyAgendas(services: readonly WeeklyService[], weekStart: Date, now: Date): Promise<TWeeklyAgenda[]> {
  if (services.length === 0) return [];
  const ids = services.map((s) => s.id);
  const inServices = { serviceId: { in: ids } };
  const weekEnd = addWeeks(weekStart, 1);
  const [events, stages, rfcs, releases, countermeasures, kpiProblems, actions, decisions, workers] = await Promise.all([
    db.event.findMany({
      where: { ...inServices, type: { in: AGENDA_EVENT_TYPES }, createdAt: { gte: weekStart, lt: weekEnd } },
      orderBy: [{ serviceId: "asc" }, { seq: "asc" }],
      select: { serviceId: true, seq: true, type: true, payload: true, createdAt: true, actorId: true },
    }),
    db.stage.findMany({ where: inServices, orderBy: { position: "asc" }, select: { id: true, serviceId: true, key: true, name: true, position: true, retired: true } }),
    db.changeRequest.findMany({ where: { ...inServices, status: "PENDING", createdAt: { lt: weekEnd } }, orderBy: { createdAt: "asc" }, select: { id: true, serviceId: true, title: true, createdAt: true } }),
    db.release.findMany({
      where: { ...inServices, targetDate: { lt: weekEnd } },
      orderBy: { targetDate: "asc" },
      select: {
        id: true,
        serviceId: true,
        name: true,
        targetDate: true,
        decisions: { select: { id: true, outcome: true, supersedesId: true, createdAt: true } },
        deployments: { where: { result: "SUCCESS" }, select: { environment: true } },
      },
    }),
    db.countermeasure.findMany({
      where: { status: "OPEN", dueDate: { lt: weekEnd }, problem: { ...inServices, pdca: { not: "CLOSED" } } },
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
      select: { id: true, description: true, dueDate: true, ownerId: true, problem: { select: { id: true, title: true, serviceId: true } } },
    }),
    db.problem.findMany({
      where: { ...inServices, pdca: { not: "CLOSED" }, kpiName: { not: null }, kpiTarget: { not: null } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, serviceId: true, title: true, kpiName: true, kpiTarget: true, kpiUnit: true, ownerId: true, kpiValues: { where: { weekStart }, select: { value: true } } },
    }),
    // This week's actions, and earlier ones still open or done since the week began.
    db.weeklyAction.findMany({
      where: { ...inServices, OR: [{ weekStart }, { weekStart: { lt: weekStart }, OR: [{ status: "OPEN" }, { doneAt: { gte: weekStart } }] }] },
      select: { id: true, serviceId: true, weekStart: true, lineKey: true, lineText: true, text: true, ownerId: true, dueDate: true, status: true, doneAt: true, version: true },
    }),
    db.weeklyDecision.findMany({
      where: { ...inServices, weekStart },
      orderBy: { createdAt: "asc" },
      select: { id: true, serviceId: true, weekStart: true, lineKey: true, lineText: true, text: true, decidedById: true, createdAt: true },
    }),
    db.membership.findMany({
      where: { OR: [...new Set(services.map((s) => s.teamId))].map((teamId) => teamWorkerWhere(teamId)) },
      select: { teamId: true, user: { select: { id: true, name: true, disabled: true } }, team: { select: { assignedTo: { select: { deliveryTeamId: true } } } } },
    }),
  ]);

  // Names: problems and releases the events speak of, and the people.
  const problemIds = new Set<string>();
  const releaseIds = new Set<string>();
  const userIds = new Set<string>();
  for (const e of events) {
    const p = (e.payload ?? {}) as { problemId?: unknown; releaseId?: unknown };
    if (typeof p.problemId === "string") problemIds.add(p.problemId);
    if (typeof p.releaseId === "string") releaseIds.add(p.releaseId);
    if (e.actorId) userIds.add(e.actorId);
  }
  for (const c of countermeasures) if (c.ownerId) userIds.add(c.ownerId);
  for (const a of actions) userIds.add(a.ownerId);
  for (const d of decisions) if (d.decidedById) userIds.add(d.decidedById);
  // Always sent (empty lists included), so the number of queries does not depend on the data.
  const [problemRows, releaseRows, users] = await Promise.all([
    db.problem.findMany({ where: { ...inServices, id: { in: [...problemIds] } }, select: { id: true, title: true } }),
    db.release.findMany({ where: { ...inServices, id: { in: [...releaseIds] } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const problems = new Map(problemRows.map((p) => [p.id, { title: p.title }]));
  const releaseNames = new Map(releaseRows.map((r) => [r.id, { name: r.name }]));

  const out: TWeeklyAgenda[] = [];
  for (const service of services) {
    const own = <T extends { serviceId: string }>(rows: readonly T[]) => rows.filter((r) => r.serviceId === service.id);
    const ownStages = own(stages);
    const [thisWeek, lastWeek] = await flowFigures(
      service,
      ownStages,
      [
        { from: weekStart.getTime(), to: weekEnd.getTime() },
        { from: addWeeks(weekStart, -1).getTime(), to: weekStart.getTime() },
      ],
      now.getTime(),
    );
    const ownEvents = own(events);
    const ownActions: WeeklyAction[] = own(actions).map((a) => ({
      id: a.id,
      weekStart: a.weekStart,
      lineKey: a.lineKey,
      lineText: a.lineText,
      text: a.text,
      ownerId: a.ownerId,
      ownerName: userName.get(a.ownerId) ?? "someone who left",
      dueDate: a.dueDate,
      done: a.status === "DONE",
      doneAt: a.doneAt,
      version: a.version,
    }));
    const agenda = buildWeeklyAgenda({
      weekStart,
      now,
      events: ownEvents.map((e) => ({ seq: e.seq, type: e.type, createdAt: e.createdAt, payload: e.payload, actorName: e.actorId ? (userName.get(e.actorId) ?? null) : null })),
      stages: ownStages,
      problems,
      releases: releaseNames,
      rfcsWaiting: own(rfcs),
      releasesDue: own(releases)
        .filter((r) => r.targetDate && !r.deployments.some((d) => isProduction(d.environment)))
        .map((r) => ({ id: r.id, name: r.name, targetDate: r.targetDate!, decision: latestDecision(r.decisions)?.outcome ?? null })),
      countermeasuresDue: countermeasures
        .filter((c) => c.problem.serviceId === service.id && c.dueDate)
        .map((c) => ({ id: c.id, description: c.description, dueDate: c.dueDate!, ownerName: c.ownerId ? (userName.get(c.ownerId) ?? null) : null, problemId: c.problem.id, problemTitle: c.problem.title })),
      kpis: own(kpiProblems).map((p) => ({
        problemId: p.id,
        title: p.title,
        kpiName: p.kpiName!,
        kpiTarget: p.kpiTarget!,
        kpiUnit: p.kpiUnit,
        ownerId: p.ownerId,
        value: p.kpiValues[0]?.value ?? null,
      })),
      flow: { thisWeek: thisWeek ?? null, lastWeek: lastWeek ?? null },
      actions: ownActions,
      decisions: own(decisions).map((d) => ({
        id: d.id,
        weekStart: d.weekStart,
        lineKey: d.lineKey,
        lineText: d.lineText,
        text: d.text,
        byName: d.decidedById ? (userName.get(d.decidedById) ?? null) : null,
        at: d.createdAt,
      })),
    });
    const members = new Map<string, string>();
    for (const m of workers) {
      const works = m.teamId === service.teamId || m.team.assignedTo.some((a) => a.deliveryTeamId === service.teamId);
      if (works && !m.user.disabled) members.set(m.user.id, m.user.name);
    }
    out.push({
      service: { id: service.id, key: service.key, name: service.name, teamName: service.teamName },
      seq: service.lastSeq,
      current: weekStart.getTime() === isoWeekStart(now).getTime(),
      ...agenda,
      members: [...members].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    });
  }
  return out;
}
