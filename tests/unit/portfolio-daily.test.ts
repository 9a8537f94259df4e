import { describe, expect, it } from "vitest";
import { dailyDigest, previousWorkingDay, todayRange, type DailyEventInput } from "@/domain/daily";
import { portfolioRow, slaState, sortPortfolio, type PortfolioRowInput } from "@/domain/portfolio";
import { stageProblems } from "@/domain/visual-control";

const now = new Date("2026-12-02T12:00:00Z");
const base = (name: string, over: Partial<PortfolioRowInput> = {}): PortfolioRowInput => ({
  service: { id: name, key: name, name, status: "ACTIVE", teamName: "T" },
  stages: [
    { id: `${name}-a`, name: "Development", problems: [] },
    { id: `${name}-b`, name: "Deployment", problems: [] },
  ],
  itemCount: 0,
  openKaizenProblems: 0,
  overdueCountermeasures: 0,
  levels: [],
  costVariancePercent: null,
  ...over,
});

describe("portfolio row", () => {
  it("turns a stage red with the wall's own problems, and counts them as the home page does", () => {
    const blocked = stageProblems({
      stage: { name: "Development", wipLimit: 1, ageThresholdHours: null },
      items: [
        { id: "i1", title: "Checkout", blockedReason: "no test data", enteredStageAt: now.toISOString(), expediteReason: null, sentBackReason: null },
        { id: "i2", title: "Search", blockedReason: null, enteredStageAt: now.toISOString(), expediteReason: null, sentBackReason: null },
      ],
      openAndons: [{ reason: "build broken", itemId: null }],
      now,
    });
    const row = portfolioRow(base("s", { stages: [{ id: "a", name: "Development", problems: blocked }, { id: "b", name: "Deployment", problems: [] }] }));
    expect(row.cells.map((c) => c.problems.length > 0)).toEqual([true, false]);
    expect(row.cells[0]!.problems.map((p) => p.message)).toEqual(["Andon pulled: build broken", "WIP 2 over limit 1", "Blocked: Checkout — no test data"]);
    expect(row).toMatchObject({ andons: 1, problems: 2, redStages: 1, noGo: null });
  });

  it("names a standing NO-GO and reads the SLA state from the levels", () => {
    const row = portfolioRow(
      base("s", {
        stages: [{ id: "d", name: "Deployment", problems: [{ kind: "FAILED_GATE", message: "NO-GO on R1: security", itemIds: [] }] }],
        levels: [{ kind: "SLA", openBreaches: 1, alerts: [] }],
      }),
    );
    expect(row.noGo).toBe("NO-GO on R1: security");
    expect(row.sla).toBe("BREACHED");
    expect(slaState([])).toBe("NONE");
    expect(slaState([{ kind: "OLA", openBreaches: 2, alerts: [] }])).toBe("NONE");
    expect(slaState([{ kind: "SLA", openBreaches: 0, alerts: [] }])).toBe("MET");
    expect(slaState([{ kind: "SLA", openBreaches: 0, alerts: [{} as never] }])).toBe("AT_RISK");
  });

  it("sorts worst first: andons, then a NO-GO, a breached SLA, red stages, problems, then by name", () => {
    const red = (id: string, n: number) => ({ id, name: id, problems: Array.from({ length: n }, () => ({ kind: "BLOCKED" as const, message: "x", itemIds: [] })) });
    const rows = [
      portfolioRow(base("green-b")),
      portfolioRow(base("green-a")),
      portfolioRow(base("two-red", { stages: [red("x", 1), red("y", 1)] })),
      portfolioRow(base("one-red-many", { stages: [red("x", 3), red("y", 0)] })),
      portfolioRow(base("sla", { levels: [{ kind: "SLA", openBreaches: 1, alerts: [] }] })),
      portfolioRow(base("nogo", { stages: [{ id: "d", name: "D", problems: [{ kind: "FAILED_GATE", message: "NO-GO", itemIds: [] }] }] })),
      portfolioRow(base("andon", { stages: [{ id: "d", name: "D", problems: [{ kind: "ANDON", message: "Andon pulled: x", itemIds: [] }] }] })),
      portfolioRow(base("overdue", { overdueCountermeasures: 2 })),
    ];
    expect(sortPortfolio(rows).map((r) => r.service.name)).toEqual(["andon", "nogo", "sla", "two-red", "one-red-many", "overdue", "green-a", "green-b"]);
  });
});

describe("previous working day", () => {
  const pwd = (iso: string) => previousWorkingDay(new Date(iso)).toISOString().slice(0, 10);
  it("is yesterday from Tuesday to Friday, and Friday from Monday and the weekend", () => {
    expect(pwd("2026-11-30T08:00:00Z")).toBe("2026-11-27"); // Monday → Friday
    expect(pwd("2026-12-01T00:00:00Z")).toBe("2026-11-30"); // Tuesday → Monday
    expect(pwd("2026-12-04T23:59:59Z")).toBe("2026-12-03"); // Friday → Thursday
    expect(pwd("2026-12-05T10:00:00Z")).toBe("2026-12-04"); // Saturday → Friday
    expect(pwd("2026-12-06T10:00:00Z")).toBe("2026-12-04"); // Sunday → Friday
    expect(previousWorkingDay(new Date("2026-11-30T08:00:00Z")).toISOString()).toBe("2026-11-27T00:00:00.000Z");
  });
  it("today is the UTC day of now", () => {
    expect(todayRange(new Date("2026-12-02T23:30:00Z"))).toEqual({ from: new Date("2026-12-02T00:00:00Z"), to: new Date("2026-12-03T00:00:00Z") });
  });
});

describe("daily digest", () => {
  const stages = [
    { id: "dev", name: "Development", position: 6 },
    { id: "req", name: "Requirements", position: 5 },
    { id: "dep", name: "Deployment", position: 7 },
  ];
  const items = new Map([
    ["i1", { title: "Checkout", stageId: "dev" }],
    ["i2", { title: "Search", stageId: "req" }],
  ]);
  const at = (m: number) => new Date(Date.UTC(2026, 11, 1, 9, m));
  const ev = (seq: number, type: string, payload: unknown): DailyEventInput => ({ seq, type, createdAt: at(seq), actorName: "Dana", payload });

  it("groups what happened by stage in wall order, service-wide last, and lists problems, send-backs and blocks", () => {
    const digest = dailyDigest(
      [
        ev(1, "item.moved", { itemId: "i1", fromStageId: "req", toStageId: "dev" }),
        ev(2, "item.rejected", { itemId: "i2", fromStageId: "dev", toStageId: "req", reason: "no acceptance tests" }),
        ev(3, "andon.pulled", { stageId: "dep", reason: "smoke test red", itemId: null }),
        ev(4, "problem.opened", { problemId: "p1", stageId: "dep", title: "Smoke tests flaky", source: "ANDON" }),
        ev(5, "item.blocked", { itemId: "i1", reason: "waiting for API key" }),
        ev(6, "rfc.raised", { rfcId: "r1", title: "Raise quota", kind: "RFC", source: "MAINTENANCE" }),
      ],
      { stages, items },
    );
    expect(digest.groups.map((g) => [g.stageName, g.lines.map((l) => l.text)])).toEqual([
      ["Requirements", ["Search sent back from Development: no acceptance tests"]],
      ["Development", ["Checkout arrived from Requirements", "Checkout blocked: waiting for API key"]],
      ["Deployment", ["Andon pulled: smoke test red", "Problem opened: Smoke tests flaky"]],
      ["Whole service", ["Request for change raised: Raise quota"]],
    ]);
    expect(digest.newProblems).toEqual([{ problemId: "p1", title: "Smoke tests flaky", stageName: "Deployment", at: at(4).toISOString() }]);
    expect(digest.sentBack).toMatchObject([{ itemId: "i2", title: "Search", fromStageName: "Development", toStageName: "Requirements", reason: "no acceptance tests" }]);
    expect(digest.blocked).toMatchObject([{ itemId: "i1", title: "Checkout", reason: "waiting for API key" }]);
  });

  it("an empty log gives an empty digest", () => {
    expect(dailyDigest([], { stages, items })).toEqual({ groups: [], newProblems: [], sentBack: [], blocked: [] });
  });
});

describe("daily digest of other events", () => {
  it("says any other event in words, on the whole service", () => {
    const digest = dailyDigest([{ seq: 1, type: "serviceLevel.breach.resolved", createdAt: new Date(0), actorName: null, payload: {} }], { stages: [], items: new Map() });
    expect(digest.groups).toMatchObject([{ stageId: null, stageName: "Whole service", lines: [{ text: "Service level breach resolved" }] }]);
  });
});
