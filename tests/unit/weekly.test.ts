import { describe, expect, it } from "vitest";
import { buildWeeklyAgenda, parseIsoWeek, weekOf, weeklyActionProblems, type WeeklyAction, type WeeklyFacts } from "@/domain/weekly";

const W49 = new Date("2026-11-30T00:00:00Z"); // Monday of 2026-W49
const at = (s: string) => new Date(s);

function facts(over: Partial<WeeklyFacts> = {}): WeeklyFacts {
  return {
    weekStart: W49,
    now: at("2026-12-03T10:00:00Z"),
    events: [],
    stages: [
      { id: "dev", name: "Development" },
      { id: "ops", name: "Operations" },
    ],
    problems: new Map(),
    releases: new Map(),
    rfcsWaiting: [],
    releasesDue: [],
    countermeasuresDue: [],
    kpis: [],
    flow: { thisWeek: null, lastWeek: null },
    actions: [],
    decisions: [],
    ...over,
  };
}

const action = (over: Partial<WeeklyAction>): WeeklyAction => ({
  id: "a1",
  weekStart: W49,
  lineKey: "problem:p1",
  lineText: "Flaky build",
  text: "Pin the test runner",
  ownerId: "u1",
  ownerName: "Dana",
  dueDate: at("2026-12-04T00:00:00Z"),
  done: false,
  doneAt: null,
  version: 1,
  ...over,
});

const section = (agenda: ReturnType<typeof buildWeeklyAgenda>, key: string) => agenda.sections.find((s) => s.key === key)!;

describe("ISO weeks", () => {
  it("reads a label as its Monday 00:00 UTC and refuses weeks that do not exist", () => {
    expect(parseIsoWeek("2026-W49")?.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(parseIsoWeek("2026-W01")?.toISOString()).toBe("2025-12-29T00:00:00.000Z");
    expect(parseIsoWeek("2026-W53")?.toISOString()).toBe("2026-12-28T00:00:00.000Z"); // 2026 has 53 weeks
    expect(parseIsoWeek("2025-W53")).toBeNull();
    expect(parseIsoWeek("2026-W00")).toBeNull();
    expect(parseIsoWeek("2026-49")).toBeNull();
    expect(weekOf(W49)).toMatchObject({ label: "2026-W49", previous: "2026-W48", next: "2026-W50" });
    expect(weekOf(parseIsoWeek("2026-W53")!).next).toBe("2027-W01");
  });
});

describe("the weekly agenda", () => {
  it("lists the week's problems, andons and go/no-go decisions from its events, and nothing of the weeks around it", () => {
    const events = [
      { seq: 1, type: "problem.opened", createdAt: at("2026-11-29T23:59:59Z"), payload: { problemId: "p0", stageId: "dev", title: "Last week" }, actorName: null },
      { seq: 2, type: "problem.opened", createdAt: at("2026-11-30T09:00:00Z"), payload: { problemId: "p1", stageId: "dev", title: "Flaky build" }, actorName: "Ann" },
      { seq: 3, type: "andon.pulled", createdAt: at("2026-12-01T09:00:00Z"), payload: { andonId: "n1", stageId: "ops", itemId: null, reason: "Checkout down", problemId: "p2" }, actorName: "Ann" },
      { seq: 4, type: "andon.released", createdAt: at("2026-12-01T11:00:00Z"), payload: { andonId: "n1", countermeasure: "Rolled back", stageId: "ops" }, actorName: "Bo" },
      { seq: 5, type: "release.decided", createdAt: at("2026-12-02T11:00:00Z"), payload: { releaseId: "r1", decisionId: "d1", outcome: "NO_GO", assessments: [{ criterionId: "c", result: "FAIL" }] }, actorName: "Gail" },
      { seq: 6, type: "problem.pdca.moved", createdAt: at("2026-12-03T08:00:00Z"), payload: { problemId: "p0", from: "ACT", to: "CLOSED", cycle: 1, version: 9, standard: "Nightly data" }, actorName: "Pat" },
      { seq: 7, type: "problem.pdca.moved", createdAt: at("2026-12-03T08:30:00Z"), payload: { problemId: "p1", from: "PLAN", to: "DO", cycle: 1, version: 3 }, actorName: "Pat" },
      { seq: 8, type: "problem.opened", createdAt: at("2026-12-07T00:00:00Z"), payload: { problemId: "p9", stageId: "dev", title: "Next week" }, actorName: null },
    ];
    const agenda = buildWeeklyAgenda(facts({ events, problems: new Map([["p0", { title: "Slow tests" }]]), releases: new Map([["r1", { name: "2.3" }]]) }));
    expect(agenda).toMatchObject({ week: "2026-W49", from: "2026-11-30T00:00:00.000Z", to: "2026-12-07T00:00:00.000Z", previous: "2026-W48", next: "2026-W50" });
    expect(section(agenda, "problemsOpened").lines).toEqual([
      { key: "problem:p1", text: "Flaky build · Development", at: "2026-11-30T09:00:00.000Z", flag: null, problemId: "p1" },
    ]);
    expect(section(agenda, "problemsClosed").lines.map((l) => l.text)).toEqual(["Slow tests — new standard: Nightly data"]);
    expect(section(agenda, "andonsPulled").lines.map((l) => [l.key, l.text, l.problemId])).toEqual([["andon:n1", "Checkout down · Operations (Ann)", "p2"]]);
    expect(section(agenda, "andonsReleased").lines.map((l) => l.text)).toEqual(["Released: Rolled back · Operations (Bo)"]);
    expect(section(agenda, "goNoGo").lines.map((l) => l.text)).toEqual(["2.3: NO-GO (1 criterion failed) (Gail)"]);
    expect(agenda.sections.map((s) => s.title)).toEqual([
      "Problems opened",
      "Problems closed",
      "Andons pulled",
      "Andons released",
      "Go/no-go decisions",
      "RfCs waiting",
      "Releases due",
      "Countermeasures due",
      "Kaizen KPI values due",
      "Lead time and throughput",
      "Actions",
    ]);
  });

  it("says what waits: RfCs, releases and countermeasures due (late ones flagged), KPI values to enter", () => {
    const agenda = buildWeeklyAgenda(
      facts({
        rfcsWaiting: [{ id: "rfc1", title: "Raise the cache TTL", createdAt: at("2026-12-01T12:00:00Z") }],
        releasesDue: [
          { id: "r1", name: "2.3", targetDate: at("2026-11-27T00:00:00Z"), decision: "NO_GO" },
          { id: "r2", name: "2.4", targetDate: at("2026-12-04T00:00:00Z"), decision: null },
        ],
        countermeasuresDue: [
          { id: "c1", description: "Seed data", dueDate: at("2026-12-01T00:00:00Z"), ownerName: "Dana", problemId: "p1", problemTitle: "Flaky build" },
          { id: "c2", description: "Alert on queue", dueDate: at("2026-12-03T00:00:00Z"), ownerName: null, problemId: "p1", problemTitle: "Flaky build" },
        ],
        kpis: [
          { problemId: "p1", title: "Flaky build", kpiName: "Red builds", kpiTarget: 2, kpiUnit: "per week", ownerId: "u1", value: null },
          { problemId: "p2", title: "Slow deploys", kpiName: "Deploy time", kpiTarget: 10, kpiUnit: null, ownerId: null, value: 12 },
        ],
      }),
    );
    expect(section(agenda, "rfcsWaiting").lines.map((l) => [l.key, l.text, l.flag])).toEqual([["rfc:rfc1", "Raise the cache TTL", "waiting 5 days"]]);
    expect(section(agenda, "releasesDue").lines.map((l) => [l.text, l.flag])).toEqual([
      ["2.3 · NO-GO", "past its target date"],
      ["2.4 · no go/no-go yet", null],
    ]);
    // Due on 1 December: overdue on the 3rd; due on the 3rd: still due today.
    expect(section(agenda, "countermeasuresDue").lines.map((l) => [l.text, l.flag])).toEqual([
      ["Seed data (Flaky build) · Dana", "overdue"],
      ["Alert on queue (Flaky build)", null],
    ]);
    expect(section(agenda, "kpisDue").lines.map((l) => [l.text, l.flag, l.kpi?.value])).toEqual([
      ["Red builds (Flaky build) — target 2 per week", "not entered", null],
      ["Deploy time (Slow deploys) — target 10", null, 12],
    ]);
    // A week not started yet has no KPI value to enter.
    const next = buildWeeklyAgenda(facts({ weekStart: at("2026-12-07T00:00:00Z"), kpis: [{ problemId: "p1", title: "x", kpiName: "k", kpiTarget: 1, kpiUnit: null, ownerId: null, value: null }] }));
    expect(section(next, "kpisDue").lines).toEqual([]);
  });

  it("sets lead time and throughput against last week", () => {
    const day = 86_400_000;
    const agenda = buildWeeklyAgenda(facts({ flow: { thisWeek: { throughput: 5, leadTimeP50: 3 * day }, lastWeek: { throughput: 3, leadTimeP50: 4.5 * day } } }));
    expect(section(agenda, "flow").lines.map((l) => l.text)).toEqual(["Lead time (median): 3 d, down from 4.5 d last week", "Throughput: 5 items done, up from 3 items done last week"]);
    const quiet = buildWeeklyAgenda(facts({ flow: { thisWeek: { throughput: 1, leadTimeP50: null }, lastWeek: { throughput: 1, leadTimeP50: null } } }));
    expect(section(quiet, "flow").lines.map((l) => l.text)).toEqual(["Lead time (median): no data this week", "Throughput: 1 item done, the same as last week"]);
  });

  it("carries an open action into the next weeks until it is done, and an overdue one is a problem", () => {
    const open = action({ id: "a1", dueDate: at("2026-12-02T00:00:00Z") });
    const doneLater = action({ id: "a2", text: "Write the runbook", done: true, doneAt: at("2026-12-09T10:00:00Z"), dueDate: at("2026-12-10T00:00:00Z") });
    const doneSameWeek = action({ id: "a3", text: "Call the vendor", done: true, doneAt: at("2026-12-01T10:00:00Z") });
    const decisions = [{ id: "d1", weekStart: W49, lineKey: "problem:p1", lineText: "Flaky build", text: "Stop the line on red", byName: "Pat", at: at("2026-12-03T09:00:00Z") }];
    const now = at("2026-12-09T12:00:00Z");

    const thisWeek = buildWeeklyAgenda(facts({ actions: [open, doneLater, doneSameWeek], decisions, now }));
    expect(section(thisWeek, "actions").lines.map((l) => [l.key, l.flag])).toEqual([
      ["action:a1", "overdue"],
      ["action:a3", "done"],
      ["action:a2", "done"], // its state now, done since
    ]);
    expect(thisWeek.notes["problem:p1"]).toEqual({ decisions: [{ id: "d1", text: "Stop the line on red", byName: "Pat", at: "2026-12-03T09:00:00.000Z" }], actionIds: ["a1", "a3", "a2"] });

    // The next week: the open one and the one done during that week are carried; the one done in W49 is not; W49's decision stays in W49.
    const nextWeek = buildWeeklyAgenda(facts({ weekStart: at("2026-12-07T00:00:00Z"), actions: [open, doneLater, doneSameWeek], decisions, now }));
    expect(section(nextWeek, "actions").lines.map((l) => [l.key, l.flag])).toEqual([
      ["action:a1", "overdue"],
      ["action:a2", "done"],
    ]);
    expect(nextWeek.notes).toEqual({});
    expect(nextWeek.problems).toEqual([{ kind: "ACTION_OVERDUE", message: "Weekly action overdue — Pin the test runner (Dana)", itemIds: [], actionIds: ["a1"] }]);

    // Two weeks on, once done it is gone.
    const later = buildWeeklyAgenda(facts({ weekStart: at("2026-12-14T00:00:00Z"), actions: [{ ...open, done: true, doneAt: at("2026-12-10T00:00:00Z") }], now: at("2026-12-15T00:00:00Z") }));
    expect(section(later, "actions").lines).toEqual([]);
    expect(later.problems).toEqual([]);
  });

  it("an action is overdue only once its due day has passed", () => {
    const a = action({ dueDate: at("2026-12-03T00:00:00Z") });
    expect(weeklyActionProblems([a], at("2026-12-03T23:59:59Z"))).toEqual([]);
    expect(weeklyActionProblems([a, action({ id: "a2", ownerName: "Eve" })], at("2026-12-05T00:00:00Z"))[0]).toMatchObject({ message: "2 weekly actions overdue — Dana, Eve", actionIds: ["a1", "a2"] });
  });
});
