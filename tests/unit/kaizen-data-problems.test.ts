import { describe, expect, it } from "vitest";
import { dataProblemKey, openProblemKey, planDataProblems, type Condition } from "@/domain/kaizen/data-problems";
import { DEFAULT_KAIZEN_SETTINGS, readKaizenSettings } from "@/domain/kaizen/settings";

const NOW = new Date("2026-12-05T10:00:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const wip = (stageId: string): Condition => ({ cause: "WIP_OVER_LIMIT", stageId, title: "WIP over limit", definition: "7 items, limit 5", evidence: { itemIds: ["a"] } });

describe("problems from data", () => {
  it("keys by cause and stage; the open key is unique per service", () => {
    expect(dataProblemKey("WIP_OVER_LIMIT", "s1")).toBe("WIP_OVER_LIMIT:s1");
    expect(dataProblemKey("SLA_BREACH", null)).toBe("SLA_BREACH:service");
    expect(openProblemKey("svc", "AGED:s1")).toBe("svc:AGED:s1");
  });

  it("a new condition only starts the clock", () => {
    const plan = planDataProblems({ conditions: [wip("s1")], signals: [], openKeys: new Set(), settings: DEFAULT_KAIZEN_SETTINGS, now: NOW });
    expect(plan).toEqual({ startSignals: ["WIP_OVER_LIMIT:s1"], endSignals: [], open: [] });
  });

  it("opens one problem once it persisted past the threshold, with its evidence", () => {
    const plan = planDataProblems({
      conditions: [wip("s1"), wip("s1")],
      signals: [{ key: "WIP_OVER_LIMIT:s1", firstSeenAt: hoursAgo(25) }],
      openKeys: new Set(),
      settings: DEFAULT_KAIZEN_SETTINGS,
      now: NOW,
    });
    expect(plan.open).toHaveLength(1);
    expect(plan.open[0]).toMatchObject({ key: "WIP_OVER_LIMIT:s1", since: hoursAgo(25), evidence: { itemIds: ["a"] } });
    expect(plan.startSignals).toEqual([]);
  });

  it("never a duplicate: an open problem for the cause and stage keeps a second from opening", () => {
    const plan = planDataProblems({
      conditions: [wip("s1")],
      signals: [{ key: "WIP_OVER_LIMIT:s1", firstSeenAt: hoursAgo(100) }],
      openKeys: new Set(["WIP_OVER_LIMIT:s1"]),
      settings: DEFAULT_KAIZEN_SETTINGS,
      now: NOW,
    });
    expect(plan.open).toEqual([]);
  });

  it("not yet past the threshold, or switched off: nothing opens", () => {
    const signals = [{ key: "WIP_OVER_LIMIT:s1", firstSeenAt: hoursAgo(23) }];
    expect(planDataProblems({ conditions: [wip("s1")], signals, openKeys: new Set(), settings: DEFAULT_KAIZEN_SETTINGS, now: NOW }).open).toEqual([]);
    const off = { ...DEFAULT_KAIZEN_SETTINGS, persistHours: { ...DEFAULT_KAIZEN_SETTINGS.persistHours, WIP_OVER_LIMIT: null } };
    const old = [{ key: "WIP_OVER_LIMIT:s1", firstSeenAt: hoursAgo(1000) }];
    expect(planDataProblems({ conditions: [wip("s1")], signals: old, openKeys: new Set(), settings: off, now: NOW }).open).toEqual([]);
  });

  it("a condition that went away is forgotten, so its return starts the clock again", () => {
    const plan = planDataProblems({
      conditions: [wip("s2")],
      signals: [{ key: "WIP_OVER_LIMIT:s1", firstSeenAt: hoursAgo(30) }],
      openKeys: new Set(),
      settings: DEFAULT_KAIZEN_SETTINGS,
      now: NOW,
    });
    expect(plan.endSignals).toEqual(["WIP_OVER_LIMIT:s1"]);
    expect(plan.startSignals).toEqual(["WIP_OVER_LIMIT:s2"]);
  });

  it("settings read leniently: malformed fields keep their defaults", () => {
    expect(readKaizenSettings(null)).toEqual(DEFAULT_KAIZEN_SETTINGS);
    const s = readKaizenSettings({ confirmWeeks: 3, persistHours: { AGED: 4, WIP_OVER_LIMIT: "x", FAILED_GATE: null }, sentBackPerWeek: -1 });
    expect(s.confirmWeeks).toBe(3);
    expect(s.persistHours.AGED).toBe(4);
    expect(s.persistHours.WIP_OVER_LIMIT).toBe(24);
    expect(s.persistHours.FAILED_GATE).toBeNull();
    expect(s.sentBackPerWeek).toBe(3);
  });
});
