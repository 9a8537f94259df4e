// The weekly synchronisation on a real database: the agenda lists what the week's walls say (a
// problem opened this week, lead time and throughput as the metrics wall computes them, a KPI
// value entered through its own command); an action recorded in a meeting is carried into the
// next weeks until done; the portfolio agenda shows only the person's services; bad input and
// the wrong person are refused with nothing written.
import { beforeAll, describe, expect, it } from "vitest";
import { addWeeks, isoWeekStart } from "@/domain/kaizen/weeks";
import type { Actor } from "@/domain/permissions";
import { weekLabel } from "@/domain/weekly";
import { db } from "@/server/db";
import { loadUserActor } from "@/server/services/actors/load-user-actor";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { getServiceMetrics } from "@/server/services/metrics/get-service-metrics";
import { openProblem } from "@/server/services/problems/open-problem";
import { recordKpiValue } from "@/server/services/problems/record-kpi-value";
import { createService } from "@/server/services/services/create-service";
import { getPortfolioWeekly, getWeeklyAgenda } from "@/server/services/weekly/get-weekly-agenda";
import { recordWeeklyAction } from "@/server/services/weekly/record-weekly-action";
import { recordWeeklyDecision } from "@/server/services/weekly/record-weekly-decision";
import { updateWeeklyAction } from "@/server/services/weekly/update-weekly-action";
import { getPortfolio } from "@/server/services/portfolio/get-portfolio";
import { getWallSnapshot } from "@/server/services/walls/get-wall-snapshot";
import type { TWeeklyAgenda } from "@/lib/schemas/weekly";
import { makeTeam, makeUser, uid } from "../support/factories";

async function newService(master: Actor, teamId: string, name: string) {
  const s = await createService(master, {
    teamId,
    key: `wk-${uid()}`,
    name,
    stages: [
      { key: "req", name: "Requirements" },
      { key: "dev", name: "Development" },
      { key: "ops", name: "Operations" },
    ],
  });
  const stages = await db.stage.findMany({ where: { serviceId: s.id }, orderBy: { position: "asc" }, select: { id: true } });
  return { id: s.id, req: stages[0]!.id, dev: stages[1]!.id, ops: stages[2]!.id };
}

const section = (agenda: TWeeklyAgenda, key: string) => agenda.sections.find((s) => s.key === key)!;
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; details?: { issues?: Array<{ path: string | (string | number)[] }> } };
  }
  throw new Error("not refused");
};
const issuePaths = (e: { details?: { issues?: Array<{ path: string | (string | number)[] }> } }) => (e.details?.issues ?? []).map((i) => (Array.isArray(i.path) ? i.path.join(".") : i.path));

const thisWeek = isoWeekStart(new Date());
const THIS = weekLabel(thisWeek);
const LAST = weekLabel(addWeeks(thisWeek, -1));
const NEXT = weekLabel(addWeeks(thisWeek, 1));
const today = new Date().toISOString().slice(0, 10);

describe("the weekly synchronisation", () => {
  let pm: Actor; // Process Master of A: records the meeting
  let dev: Actor; // a developer of A: owns an action
  let otherDev: Actor;
  let devId: string;
  let a: Awaited<ReturnType<typeof newService>>;
  let b: Awaited<ReturnType<typeof newService>>;
  let c: Awaited<ReturnType<typeof newService>>;
  let two: Actor; // in teams A and B, not C
  let problemId: string;

  beforeAll(async () => {
    const [ta, tb, tc] = [await makeTeam(), await makeTeam(), await makeTeam()];
    pm = (await makeUser({ teamId: ta.id, roles: ["PROCESS_MASTER"] })).actor;
    const d = await makeUser({ teamId: ta.id, roles: ["DEVELOPER"] });
    dev = d.actor;
    devId = d.user.id;
    otherDev = (await makeUser({ teamId: ta.id, roles: ["DEVELOPER"] })).actor;
    const masterB = (await makeUser({ teamId: tb.id, roles: ["SERVICE_MASTER"] })).actor;
    const masterC = (await makeUser({ teamId: tc.id, roles: ["SERVICE_MASTER"] })).actor;
    const masterA = (await makeUser({ teamId: ta.id, roles: ["SERVICE_MASTER"] })).actor;
    a = await newService(masterA, ta.id, `Alpha ${uid()}`);
    b = await newService(masterB, tb.id, `Beta ${uid()}`);
    c = await newService(masterC, tc.id, `Gamma ${uid()}`);
    const { user } = await makeUser({ teamId: ta.id, roles: ["DEVELOPER"] });
    await db.membership.create({ data: { userId: user.id, teamId: tb.id, role: "VIEWER" } });
    two = (await loadUserActor(user.id)) as Actor;

    problemId = (await openProblem(pm, a.id, { title: "Builds go red at night", stageId: a.dev, ownerId: devId })).id;
    // One item through to Operations: done this week.
    const item = await createItem(pm, a.id, { title: "Checkout" });
    const moved = await moveItem(pm, item.id, { toStageId: a.dev, expectedVersion: item.version });
    await moveItem(pm, item.id, { toStageId: a.ops, expectedVersion: moved.version });
    await openProblem(masterB, b.id, { title: "Beta problem" });
    await openProblem(masterC, c.id, { title: "Hidden gamma problem" });
  });

  it("lists a problem opened this week, and lead time and throughput as the metrics wall has them", async () => {
    const agenda = await getWeeklyAgenda(dev, a.id);
    expect(agenda.week).toBe(THIS);
    expect(agenda).toMatchObject({ previous: LAST, next: NEXT, current: true });
    expect(section(agenda, "problemsOpened").lines).toEqual([
      expect.objectContaining({ key: `problem:${problemId}`, text: "Builds go red at night · Development", problemId }),
    ]);
    const metrics = await getServiceMetrics(dev, a.id, { from: thisWeek.toISOString() });
    expect(metrics.vsm.finished).toBe(1);
    expect(section(agenda, "flow").lines.map((l) => l.key)).toEqual(["flow:leadTime", "flow:throughput"]);
    expect(section(agenda, "flow").lines[1]!.text).toBe(`Throughput: ${metrics.vsm.finished} item done, up from 0 items done last week`);
    // Last week's agenda does not list this week's problem.
    expect(section(await getWeeklyAgenda(dev, a.id, { week: LAST }), "problemsOpened").lines).toEqual([]);
  });

  it("asks for the week's KPI value and shows it once entered through the KPI command", async () => {
    await db.problem.update({ where: { id: problemId }, data: { kpiName: "Red builds", kpiTarget: 1 } });
    const before = section(await getWeeklyAgenda(pm, a.id), "kpisDue").lines.find((l) => l.key === `kpi:${problemId}`)!;
    expect(before).toMatchObject({ flag: "not entered", kpi: { problemId, value: null, ownerId: devId } });
    await recordKpiValue(dev, problemId, { week: today, value: 3 });
    const after = section(await getWeeklyAgenda(pm, a.id), "kpisDue").lines.find((l) => l.key === `kpi:${problemId}`)!;
    expect(after).toMatchObject({ flag: null, kpi: { value: 3 } });
  });

  it("records a decision against a line (an Event), and carries an open action into the next weeks until it is done", async () => {
    const seq0 = (await db.service.findUniqueOrThrow({ where: { id: a.id }, select: { lastSeq: true } })).lastSeq;
    await recordWeeklyDecision(pm, a.id, { week: THIS, lineKey: `problem:${problemId}`, lineText: "Builds go red at night", text: "Stop the line on a red build" });
    // An action agreed last week, still open, and one agreed this week.
    const old = await recordWeeklyAction(pm, a.id, { week: LAST, lineKey: "flow:leadTime", lineText: "Lead time", text: "Measure the wait in review", ownerId: devId, dueDate: thisWeek.toISOString().slice(0, 10) });
    const fresh = await recordWeeklyAction(pm, a.id, { week: THIS, lineKey: `problem:${problemId}`, lineText: "Builds go red at night", text: "Pin the runner", ownerId: devId, dueDate: addWeeks(thisWeek, 1).toISOString().slice(0, 10) });
    const events = await db.event.findMany({ where: { serviceId: a.id, seq: { gt: seq0 } }, orderBy: { seq: "asc" }, select: { type: true, payload: true } });
    expect(events.map((e) => e.type)).toEqual(["weekly.decision.recorded", "weekly.action.recorded", "weekly.action.recorded"]);
    expect(events[1]!.payload).toMatchObject({ actionId: old.id, week: LAST, ownerId: devId });

    const now = await getWeeklyAgenda(pm, a.id);
    expect(now.notes[`problem:${problemId}`]).toMatchObject({ decisions: [{ text: "Stop the line on a red build" }], actionIds: [fresh.id] });
    expect(section(now, "actions").lines.map((l) => [l.key, l.action?.weekLabel])).toEqual([
      [`action:${old.id}`, LAST],
      [`action:${fresh.id}`, THIS],
    ]);
    // The next week: both still open, both carried; this week's decision stays in this week.
    const next = await getWeeklyAgenda(pm, a.id, { week: NEXT });
    expect(section(next, "actions").lines.map((l) => l.key)).toEqual([`action:${old.id}`, `action:${fresh.id}`]);
    expect(next.notes).toEqual({});

    // Its owner marks the old one done; a stale version is refused and changes nothing.
    const done = await updateWeeklyAction(dev, old.id, { version: 1, done: true });
    expect(done.version).toBe(2);
    expect(await refusal(updateWeeklyAction(pm, old.id, { version: 1, done: false }))).toMatchObject({ code: "VERSION_CONFLICT", details: { version: 2 } });
    expect(await db.weeklyAction.findUniqueOrThrow({ where: { id: old.id }, select: { status: true } })).toEqual({ status: "DONE" });
    // Done this week: this week's agenda shows it done, the next one no longer lists it.
    expect(section(await getWeeklyAgenda(pm, a.id), "actions").lines.find((l) => l.key === `action:${old.id}`)?.flag).toBe("done");
    expect(section(await getWeeklyAgenda(pm, a.id, { week: NEXT }), "actions").lines.map((l) => l.key)).toEqual([`action:${fresh.id}`]);

    // Another developer may neither mark it nor record the meeting.
    expect(await refusal(updateWeeklyAction(otherDev, fresh.id, { version: 1, done: true }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await refusal(recordWeeklyDecision(dev, a.id, { week: THIS, lineKey: "flow:leadTime", lineText: "Lead time", text: "x" }))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("an open action past its due day is a problem of the agenda, the wall and the portfolio", async () => {
    const late = await recordWeeklyAction(pm, a.id, { week: LAST, lineKey: "flow:throughput", lineText: "Throughput", text: "Limit WIP to 3", ownerId: devId, dueDate: addWeeks(thisWeek, -1).toISOString().slice(0, 10) });
    const agenda = await getWeeklyAgenda(pm, a.id);
    expect(agenda.problems).toEqual([expect.objectContaining({ kind: "ACTION_OVERDUE", actionIds: [late.id] })]);
    // The same problem on the value-stream wall (its first stage: the whole service) and the portfolio.
    const wall = await getWallSnapshot(dev, a.id);
    expect(wall.problems.filter((p) => p.kind === "ACTION_OVERDUE")).toEqual([expect.objectContaining({ stageId: a.req, actionIds: [late.id], message: expect.stringContaining("Limit WIP to 3") })]);
    const row = (await getPortfolio(dev)).rows.find((r) => r.service.id === a.id)!;
    expect(row.cells[0]!.problems.map((p) => p.kind)).toContain("ACTION_OVERDUE");
    await updateWeeklyAction(pm, late.id, { version: 1, done: true });
    expect((await getWeeklyAgenda(pm, a.id)).problems).toEqual([]);
    expect((await getWallSnapshot(dev, a.id)).problems.filter((p) => p.kind === "ACTION_OVERDUE")).toEqual([]);
  });

  it("the portfolio agenda shows only the services of the person's teams, counts and texts included", async () => {
    const portfolio = await getPortfolioWeekly(two);
    const ids = portfolio.agendas.map((x) => x.service.id);
    expect(ids).toContain(a.id);
    expect(ids).toContain(b.id);
    expect(ids).not.toContain(c.id);
    expect(JSON.stringify(portfolio)).not.toMatch(/Gamma|Hidden gamma/);
    expect(section(portfolio.agendas.find((x) => x.service.id === b.id)!, "problemsOpened").lines.map((l) => l.text)).toEqual(["Beta problem"]);
    await expect(getWeeklyAgenda(two, c.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses bad input with a 400 naming the field, and writes nothing", async () => {
    const count = async () => ({
      actions: await db.weeklyAction.count({ where: { serviceId: a.id } }),
      decisions: await db.weeklyDecision.count({ where: { serviceId: a.id } }),
      events: await db.event.count({ where: { serviceId: a.id } }),
    });
    const before = await count();
    const { user: outsider } = await makeUser({ teamId: (await makeTeam()).id, roles: ["DEVELOPER"] });
    const base = { week: THIS, lineKey: "flow:leadTime", lineText: "Lead time", text: "Do it", ownerId: devId, dueDate: today };
    const cases: Array<[string, () => Promise<unknown>]> = [
      ["week", () => recordWeeklyAction(pm, a.id, { ...base, week: "2025-W53" })],
      ["week", () => recordWeeklyAction(pm, a.id, { ...base, week: NEXT })],
      ["week", () => recordWeeklyDecision(pm, a.id, { ...base, week: "next week" })],
      ["text", () => recordWeeklyDecision(pm, a.id, { ...base, text: "   " })],
      ["lineKey", () => recordWeeklyDecision(pm, a.id, { ...base, lineKey: "not a key" })],
      ["ownerId", () => recordWeeklyAction(pm, a.id, { ...base, ownerId: outsider.id })],
      ["dueDate", () => recordWeeklyAction(pm, a.id, { ...base, dueDate: "2026-02-30x" })],
      ["dueDate", () => recordWeeklyAction(pm, a.id, { ...base, dueDate: addWeeks(thisWeek, -1).toISOString().slice(0, 10) })],
    ];
    for (const [field, attempt] of cases) {
      const e = await refusal(attempt());
      expect(e.code, field).toBe("VALIDATION_FAILED");
      expect(issuePaths(e), field).toContain(field);
    }
    expect(await refusal(getWeeklyAgenda(pm, a.id, { week: "2026-W99" }))).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await count()).toEqual(before);
  });
});
