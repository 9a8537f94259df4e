import { describe, expect, it } from "vitest";
import { checkPdcaMove, countermeasureCounts, isOverdue, PDCA_MOVES, PDCA_STATES, type ProblemFacts } from "@/domain/kaizen/pdca";
import { addWeeks, isoWeekStart } from "@/domain/kaizen/weeks";

const NOW = new Date("2026-12-05T10:00:00Z"); // a Saturday
const THIS_WEEK = isoWeekStart(NOW);
const ctx = { now: NOW, confirmWeeks: 2 };

function ready(over: Partial<ProblemFacts> = {}): ProblemFacts {
  return {
    pdca: "PLAN",
    whyCount: 3,
    hypothesis: "Batching orders monthly makes them wait",
    countermeasures: [{ ownerId: "u1", done: false, dueDate: new Date("2026-12-10T00:00:00Z") }],
    kpi: { name: "Lead time (days)", target: 8, higherIsBetter: false },
    kpiValues: [],
    ...over,
  };
}

describe("PDCA moves", () => {
  it("lists exactly the moves of the cycle; a closed problem has none", () => {
    expect(PDCA_MOVES).toEqual({ PLAN: ["DO"], DO: ["CHECK"], CHECK: ["ACT", "PLAN"], ACT: ["CLOSED"], CLOSED: [] });
    for (const from of PDCA_STATES) {
      for (const to of PDCA_STATES) {
        if (PDCA_MOVES[from].includes(to)) continue;
        expect(checkPdcaMove(ready({ pdca: from }), to, { ...ctx, standard: "x" }), `${from}→${to}`).toMatchObject({ ok: false, rule: "NO_SUCH_MOVE" });
      }
    }
    expect(checkPdcaMove(ready({ pdca: "CLOSED" }), "PLAN", ctx)).toMatchObject({ message: expect.stringContaining("does not reopen") });
  });

  describe("Plan → Do", () => {
    it("is allowed with a root cause, a hypothesis, an owned countermeasure and a KPI with a target", () => {
      expect(checkPdcaMove(ready(), "DO", ctx)).toEqual({ ok: true });
    });
    it.each([
      ["NO_ROOT_CAUSE", { whyCount: 0 }],
      ["NO_HYPOTHESIS", { hypothesis: null }],
      ["NO_HYPOTHESIS", { hypothesis: "   " }],
      ["NO_COUNTERMEASURE", { countermeasures: [] }],
      ["COUNTERMEASURE_WITHOUT_OWNER", { countermeasures: [{ ownerId: "u1", done: false, dueDate: null }, { ownerId: null, done: false, dueDate: null }] }],
      ["NO_KPI", { kpi: { name: null, target: 8, higherIsBetter: false } }],
      ["NO_KPI", { kpi: { name: "Lead time", target: null, higherIsBetter: false } }],
    ] as const)("is refused with %s", (rule, over) => {
      expect(checkPdcaMove(ready(over as Partial<ProblemFacts>), "DO", ctx)).toMatchObject({ ok: false, rule });
    });
  });

  describe("Do → Check", () => {
    it("is refused while a countermeasure is neither done nor due", () => {
      const v = checkPdcaMove(ready({ pdca: "DO" }), "CHECK", ctx);
      expect(v).toMatchObject({ ok: false, rule: "COUNTERMEASURES_PENDING", message: "1 countermeasure is neither done nor due yet." });
    });
    it("is allowed when every countermeasure is done or due", () => {
      const countermeasures = [
        { ownerId: "u1", done: true, dueDate: new Date("2026-12-20T00:00:00Z") },
        { ownerId: "u2", done: false, dueDate: new Date("2026-12-05T10:00:00Z") },
      ];
      expect(checkPdcaMove(ready({ pdca: "DO", countermeasures }), "CHECK", ctx)).toEqual({ ok: true });
    });
    it("counts an open countermeasure without a due date as pending", () => {
      const countermeasures = [{ ownerId: "u1", done: false, dueDate: null }];
      expect(checkPdcaMove(ready({ pdca: "DO", countermeasures }), "CHECK", ctx)).toMatchObject({ ok: false, rule: "COUNTERMEASURES_PENDING" });
    });
  });

  describe("Check → Act or Plan", () => {
    const onTarget = [
      { weekStart: addWeeks(THIS_WEEK, -1), value: 7 },
      { weekStart: THIS_WEEK, value: 8 },
    ];
    it("Act is refused before the KPI confirmed it, Plan then starts the next cycle", () => {
      const facts = ready({ pdca: "CHECK", kpiValues: [{ weekStart: THIS_WEEK, value: 8 }] });
      expect(checkPdcaMove(facts, "ACT", ctx)).toMatchObject({ ok: false, rule: "KPI_NOT_CONFIRMED" });
      expect(checkPdcaMove(facts, "PLAN", ctx)).toEqual({ ok: true });
    });
    it("Act is allowed after N consecutive weeks on target; Plan is then refused", () => {
      const facts = ready({ pdca: "CHECK", kpiValues: onTarget });
      expect(checkPdcaMove(facts, "ACT", ctx)).toEqual({ ok: true });
      expect(checkPdcaMove(facts, "PLAN", ctx)).toMatchObject({ ok: false, rule: "KPI_CONFIRMED" });
    });
    it("N is the service's: three weeks asked, two on target is not enough", () => {
      expect(checkPdcaMove(ready({ pdca: "CHECK", kpiValues: onTarget }), "ACT", { ...ctx, confirmWeeks: 3 })).toMatchObject({ rule: "KPI_NOT_CONFIRMED" });
    });
  });

  describe("Act → Closed", () => {
    it("needs the new standard", () => {
      expect(checkPdcaMove(ready({ pdca: "ACT" }), "CLOSED", ctx)).toMatchObject({ ok: false, rule: "NO_STANDARD" });
      expect(checkPdcaMove(ready({ pdca: "ACT" }), "CLOSED", { ...ctx, standard: "  " })).toMatchObject({ ok: false, rule: "NO_STANDARD" });
      expect(checkPdcaMove(ready({ pdca: "ACT" }), "CLOSED", { ...ctx, standard: "Orders go on the wall the day they are signed." })).toEqual({ ok: true });
    });
  });
});

describe("countermeasure counts", () => {
  it("splits done, open and overdue (open past its due date)", () => {
    const list = [
      { ownerId: "a", done: true, dueDate: new Date("2026-12-01T00:00:00Z") },
      { ownerId: "a", done: false, dueDate: new Date("2026-12-01T00:00:00Z") },
      { ownerId: "a", done: false, dueDate: new Date("2026-12-09T00:00:00Z") },
      { ownerId: "a", done: false, dueDate: null },
    ];
    expect(countermeasureCounts(list, NOW)).toEqual({ done: 1, open: 2, overdue: 1 });
  });
});

describe("overdue", () => {
  it("a countermeasure due today is not overdue until the day has passed", () => {
    const due = new Date("2026-12-05T00:00:00Z");
    expect(isOverdue({ done: false, dueDate: due }, new Date("2026-12-05T23:59:59Z"))).toBe(false);
    expect(isOverdue({ done: false, dueDate: due }, new Date("2026-12-06T00:00:00Z"))).toBe(true);
    expect(isOverdue({ done: true, dueDate: due }, new Date("2026-12-09T00:00:00Z"))).toBe(false);
    expect(isOverdue({ done: false, dueDate: null }, new Date("2030-01-01T00:00:00Z"))).toBe(false);
  });
});
