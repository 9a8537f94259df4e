// MRI completeness and staleness, recovery tests, cost variance, the end-of-life state machine,
// and the problems the service wall shows through the one visual-control model.
import { describe, expect, it } from "vitest";
import { decideEndOfLife } from "@/domain/end-of-life";
import { isStale, mriCompleteness, parseRequiredKinds, type MriEntryFacts } from "@/domain/mri";
import { monthlyVariance, parseMonth, yearToDate } from "@/domain/operating-cost";
import { recoveryState } from "@/domain/recovery";
import { serviceWallProblems, type ServiceWallFacts } from "@/domain/service-wall";

const NOW = new Date("2026-12-05T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const entry = (kind: MriEntryFacts["kind"], reviewedDaysAgo = 1, content = "text"): MriEntryFacts => ({
  kind,
  content,
  reviewedAt: daysAgo(reviewedDaysAgo),
  reviewIntervalDays: 90,
});

describe("MRI", () => {
  it("completeness counts only the service's required set", () => {
    const required = parseRequiredKinds("RF,RQ,SLA,nonsense");
    expect(required).toEqual(["RF", "RQ", "SLA"]);
    const c = mriCompleteness(required, [entry("RF"), entry("SLA"), entry("OLA")], NOW);
    expect(c).toMatchObject({ missing: ["RQ"], present: 2, complete: false, fresh: false });
    expect(mriCompleteness(["RF", "SLA"], [entry("RF"), entry("SLA")], NOW)).toMatchObject({ complete: true, fresh: true });
  });

  it("an entry with blank content is missing", () => {
    expect(mriCompleteness(["RF"], [entry("RF", 1, "   ")], NOW).missing).toEqual(["RF"]);
  });

  it("an entry not reviewed within its interval is stale (the interval's last day is still fresh)", () => {
    expect(isStale({ reviewedAt: daysAgo(90), reviewIntervalDays: 90 }, NOW)).toBe(false);
    expect(isStale({ reviewedAt: daysAgo(91), reviewIntervalDays: 90 }, NOW)).toBe(true);
    const c = mriCompleteness(["RF", "RQ"], [entry("RF", 91), entry("RQ")], NOW);
    expect(c).toMatchObject({ complete: true, fresh: false, stale: ["RF"] });
  });
});

describe("recovery tests", () => {
  const objectives = { rpoMinutes: 15, rtoMinutes: 60, testIntervalDays: 90 };
  const test = (d: number, rpo = 10, rto = 45, passed = true) => ({ testedAt: daysAgo(d), achievedRpoMinutes: rpo, achievedRtoMinutes: rto, passed, scenario: "Restore" });

  it("never tested is overdue; the last test decides", () => {
    expect(recoveryState(objectives, [], NOW)).toMatchObject({ overdue: true, last: null });
    expect(recoveryState(objectives, [test(100), test(10)], NOW)).toMatchObject({ overdue: false, lastFailed: false, missed: [] });
    expect(recoveryState(objectives, [test(91)], NOW).overdue).toBe(true);
  });

  it("a passed test that missed RTO still fails the objective", () => {
    expect(recoveryState(objectives, [test(5, 10, 75)], NOW)).toMatchObject({ lastFailed: true, missed: ["RTO"] });
    expect(recoveryState(objectives, [test(5, 20, 75)], NOW).missed).toEqual(["RPO", "RTO"]);
  });
});

describe("operating cost", () => {
  const lines = [
    { month: "2026-11", category: "Run", planned: 1000, actual: 1200 },
    { month: "2026-11", category: "Licences", planned: 500, actual: 450 },
    { month: "2026-10", category: "Run", planned: 1000, actual: 900 },
    { month: "2026-12", category: "Run", planned: 1000, actual: null },
    { month: "2025-12", category: "Run", planned: 1000, actual: 5000 },
  ];
  it("variance per month sums categories", () => {
    const months = monthlyVariance(lines);
    expect(months.find((m) => m.month === "2026-11")).toEqual({ month: "2026-11", planned: 1500, actual: 1650, variance: 150 });
    expect(months.find((m) => m.month === "2026-12")).toEqual({ month: "2026-12", planned: 1000, actual: null, variance: null });
  });
  it("year to date compares only booked months of this year", () => {
    // Oct 900 vs 1000, Nov 1650 vs 1500 → 2550 vs 2500 = +50 (+2%); Dec unbooked, 2025 excluded.
    expect(yearToDate(lines, NOW)).toEqual({ year: 2026, planned: 2500, actual: 2550, variance: 50, variancePercent: 2 });
  });
  it("months are YYYY-MM", () => {
    expect(parseMonth("2026-02")?.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(parseMonth("2026-13")).toBeNull();
    expect(parseMonth("2026-2")).toBeNull();
  });
});

describe("end of life", () => {
  it("goes Active → Retiring → Retired; a retiring service may be kept; retired is final", () => {
    expect(decideEndOfLife("ACTIVE", "RETIRE")).toEqual({ ok: true, to: "RETIRING" });
    expect(decideEndOfLife("RETIRING", "RETIRED")).toEqual({ ok: true, to: "RETIRED" });
    expect(decideEndOfLife("RETIRING", "KEEP")).toEqual({ ok: true, to: "ACTIVE" });
    expect(decideEndOfLife("ACTIVE", "RETIRED")).toMatchObject({ ok: false, code: "NOT_RETIRING" });
    expect(decideEndOfLife("RETIRING", "RETIRE")).toMatchObject({ ok: false, code: "ALREADY_RETIRING" });
    for (const d of ["RETIRE", "RETIRED", "KEEP"] as const) expect(decideEndOfLife("RETIRED", d)).toMatchObject({ ok: false, code: "SERVICE_RETIRED" });
  });
});

describe("service wall problems", () => {
  const green: ServiceWallFacts = {
    status: "ACTIVE",
    levels: [],
    mri: mriCompleteness(["RF"], [entry("RF")], NOW),
    recoveryObjectivesSet: true,
    recovery: recoveryState({ rpoMinutes: 15, rtoMinutes: 60, testIntervalDays: 90 }, [{ testedAt: daysAgo(3), achievedRpoMinutes: 5, achievedRtoMinutes: 30, passed: true, scenario: "Restore" }], NOW),
    costMonths: [{ month: "2026-11", planned: 1000, actual: 1040, variance: 40 }],
    currentMonth: "2026-12",
    endOfLife: { date: null, openItems: 0 },
    now: NOW,
  };

  it("a healthy service is green", () => {
    expect(serviceWallProblems(green)).toEqual([]);
  });

  it("a service that has not started its MRI or recovery objectives is not judged on them", () => {
    const fresh = {
      ...green,
      mri: mriCompleteness(["RF", "RQ"], [], NOW),
      recoveryObjectivesSet: false,
      recovery: recoveryState({ rpoMinutes: null, rtoMinutes: null, testIntervalDays: 90 }, [], NOW),
    };
    expect(serviceWallProblems(fresh)).toEqual([]);
    expect(serviceWallProblems({ ...fresh, recoveryObjectivesSet: true }).map((p) => p.message)).toEqual(["No recovery test recorded: RPO/RTO unproven"]);
  });

  it("says exactly what is wrong, each as a stage problem", () => {
    const problems = serviceWallProblems({
      ...green,
      status: "RETIRING",
      levels: [{ name: "Availability", kind: "SLA", openBreaches: 1, budget: null, alerts: [] }],
      mri: mriCompleteness(["RF", "SAC"], [entry("RF")], NOW),
      recovery: recoveryState({ rpoMinutes: 15, rtoMinutes: 60, testIntervalDays: 90 }, [], NOW),
      costMonths: [{ month: "2026-11", planned: 1000, actual: 1100, variance: 100 }],
      endOfLife: { date: new Date("2026-12-20T00:00:00Z"), openItems: 2 },
    });
    expect(problems.map((p) => [p.kind, p.where])).toEqual([
      ["SLA_BREACH", "operations"],
      ["MRI_INCOMPLETE", "operations"],
      ["RECOVERY_TEST_OVERDUE", "operations"],
      ["COST_OVER_PLAN", "operations"],
      ["END_OF_LIFE", "end-of-life"],
    ]);
    expect(problems[1]!.message).toBe("MRI incomplete: 1/2 — missing SAC (Service acceptance criteria)");
    expect(problems[3]!.message).toBe("Cost over plan in 2026-11: 1100 vs 1000 planned");
    expect(problems[4]!.message).toBe("End of life in 15 days (2026-12-20) with 2 open items");
  });
});
