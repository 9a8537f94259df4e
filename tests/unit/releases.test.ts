import { describe, expect, it } from "vitest";
import {
  checkGateDecision,
  checkGoOverUnfinished,
  DEFAULT_GATE_CRITERIA,
  failedGateMessage,
  isStale,
  latestDecision,
  mayDeploy,
  mayEnterDeployment,
  unfinishedReleaseItems,
  type AssessmentInput,
  type ReadinessStage,
} from "@/domain/releases";

const criteria = [
  { id: "sec", name: "Security" },
  { id: "comp", name: "Compliance" },
  { id: "ops", name: "Operations readiness" },
];
const pass = (id: string): AssessmentInput => ({ criterionId: id, result: "PASS", reason: null });
const allPass = criteria.map((c) => pass(c.id));

describe("default gate criteria", () => {
  it("are security, compliance, operations readiness and process views, each saying what must be true", () => {
    expect(DEFAULT_GATE_CRITERIA.map((c) => c.key)).toEqual(["security", "compliance", "operations-readiness", "process-views"]);
    for (const c of DEFAULT_GATE_CRITERIA) expect(c.description.length).toBeGreaterThan(20);
  });
});

describe("checkGateDecision", () => {
  it("accepts a GO with every criterion passed, and a GO with a waived one that says why", () => {
    expect(checkGateDecision(criteria, { outcome: "GO", assessments: allPass, comment: "" })).toEqual({ ok: true });
    const waived = [pass("sec"), pass("comp"), { criterionId: "ops", result: "WAIVED" as const, reason: "Runbook reviewed verbally" }];
    expect(checkGateDecision(criteria, { outcome: "GO", assessments: waived, comment: "" })).toEqual({ ok: true });
  });

  it("requires every active criterion, once, and no unknown one", () => {
    expect(checkGateDecision(criteria, { outcome: "GO", assessments: allPass.slice(1), comment: "" })).toMatchObject({
      ok: false,
      code: "CRITERION_MISSING",
      message: expect.stringContaining("Security"),
    });
    expect(checkGateDecision(criteria, { outcome: "GO", assessments: [...allPass, pass("sec")], comment: "" })).toMatchObject({
      code: "CRITERION_TWICE",
    });
    expect(checkGateDecision(criteria, { outcome: "GO", assessments: [...allPass, pass("retired")], comment: "" })).toMatchObject({
      code: "CRITERION_UNKNOWN",
    });
  });

  it("requires a reason for FAIL and WAIVED (blank is no reason)", () => {
    for (const result of ["FAIL", "WAIVED"] as const) {
      const a = [{ criterionId: "sec", result, reason: "   " }, pass("comp"), pass("ops")];
      expect(checkGateDecision(criteria, { outcome: "NO_GO", assessments: a, comment: "x" })).toMatchObject({
        code: "REASON_REQUIRED",
        message: expect.stringContaining("Security"),
      });
    }
  });

  it("refuses a GO standing on a failed criterion, and accepts the same assessment as a NO-GO", () => {
    const a = [{ criterionId: "ops", result: "FAIL" as const, reason: "No rollback" }, pass("sec"), pass("comp")];
    expect(checkGateDecision(criteria, { outcome: "GO", assessments: a, comment: "" })).toMatchObject({
      code: "GO_WITH_FAILURE",
      message: expect.stringContaining("Operations readiness"),
    });
    expect(checkGateDecision(criteria, { outcome: "NO_GO", assessments: a, comment: "" })).toEqual({ ok: true });
  });

  it("a NO-GO with nothing failed must say why in its comment", () => {
    expect(checkGateDecision(criteria, { outcome: "NO_GO", assessments: allPass, comment: " " })).toMatchObject({ code: "NO_GO_WITHOUT_REASON" });
    expect(checkGateDecision(criteria, { outcome: "NO_GO", assessments: allPass, comment: "Freeze over Christmas" })).toEqual({ ok: true });
  });

  it("knows only GO and NO_GO", () => {
    expect(checkGateDecision(criteria, { outcome: "MAYBE" as never, assessments: allPass, comment: "" })).toMatchObject({ code: "UNKNOWN_OUTCOME" });
  });
});

describe("latestDecision: the latest decision wins", () => {
  const d = (id: string, supersedesId: string | null, at: string, outcome: "GO" | "NO_GO" = "GO") => ({ id, supersedesId, createdAt: at, outcome });

  it("is null without decisions and follows the supersedes chain to its end", () => {
    expect(latestDecision([])).toBeNull();
    const chain = [d("c", "b", "2026-11-27T10:02:00Z"), d("a", null, "2026-11-27T10:00:00Z"), d("b", "a", "2026-11-27T10:01:00Z")];
    expect(latestDecision(chain)?.id).toBe("c");
  });

  it("follows the chain even when clocks disagree, and takes the newest if the data forked", () => {
    expect(latestDecision([d("a", null, "2026-11-27T10:05:00Z"), d("b", "a", "2026-11-27T10:00:00Z")])?.id).toBe("b");
    expect(latestDecision([d("a", null, "2026-11-27T10:00:00Z"), d("x", null, "2026-11-27T10:03:00Z")])?.id).toBe("x");
  });
});

describe("mayDeploy and mayEnterDeployment", () => {
  it("deploys only on a standing GO", () => {
    expect(mayDeploy(null)).toBe(false);
    expect(mayDeploy({ outcome: "NO_GO" })).toBe(false);
    expect(mayDeploy({ outcome: "GO" })).toBe(true);
  });

  it("lets items of no release through; holds a release's items until its GO, saying why", () => {
    expect(mayEnterDeployment(null, null)).toEqual({ ok: true });
    expect(mayEnterDeployment({ name: "2.4" }, null)).toMatchObject({ ok: false, code: "RELEASE_NOT_GO", message: expect.stringContaining("no go/no-go decision") });
    expect(mayEnterDeployment({ name: "2.4" }, { outcome: "NO_GO" })).toMatchObject({
      ok: false,
      code: "RELEASE_NOT_GO",
      message: expect.stringContaining("Release 2.4 has a NO-GO"),
    });
    expect(mayEnterDeployment({ name: "2.4" }, { outcome: "GO" })).toEqual({ ok: true });
  });

  it("holds an item the GO was not decided on", () => {
    expect(mayEnterDeployment({ name: "2.4" }, { outcome: "GO" }, false)).toMatchObject({ ok: false, code: "ITEM_NOT_DECIDED_ON" });
  });
});

describe("failedGateMessage", () => {
  const base = { release: { id: "r", name: "2.4" }, itemIds: ["i"] };
  it("names each failed criterion with its reason on a NO-GO, the comment when none failed, nothing on a GO", () => {
    const assessments = [
      { criterionName: "Security", result: "PASS" as const, reason: null },
      { criterionName: "Operations readiness", result: "FAIL" as const, reason: "Runbook missing" },
    ];
    expect(failedGateMessage({ ...base, decision: { outcome: "NO_GO", comment: "", assessments } })).toBe(
      "Release 2.4 NO-GO — Operations readiness failed: Runbook missing",
    );
    expect(failedGateMessage({ ...base, decision: { outcome: "NO_GO", comment: "Code freeze", assessments: [assessments[0]!] } })).toBe(
      "Release 2.4 NO-GO — Code freeze",
    );
    expect(failedGateMessage({ ...base, decision: { outcome: "GO", comment: "", assessments } })).toBeNull();
  });

  it("isStale compares versions", () => {
    expect(isStale({ version: 3 }, 3)).toBe(false);
    expect(isStale({ version: 3 }, 2)).toBe(true);
  });
});

describe("the release's done condition: unfinishedReleaseItems", () => {
  const stage = (key: string, position: number, criteria: string[] = [], retired = false): ReadinessStage => ({
    id: `${key}-id`,
    key,
    name: key[0]!.toUpperCase() + key.slice(1),
    position,
    retired,
    criteria: criteria.map((text, i) => ({ id: `${key}-c${i}`, text })),
  });
  const stages = [
    stage("requirements", 4, ["User story written"]),
    stage("development", 5, ["Tests written first", "Code reviewed"]),
    stage("deployment", 6, ["Gatekeeper said GO"]),
    stage("operations", 7, ["Monitored"]),
  ];
  const item = (id: string, stageKey: string, met: string[] = []) => ({ id, title: `Item ${id}`, stageId: `${stageKey}-id`, metCriterionIds: met });

  it("an item in the stage before Deployment with every criterion met is done; one with a criterion open is not, naming it", () => {
    const ready = item("a", "development", ["development-c0", "development-c1"]);
    const open = item("b", "development", ["development-c0"]);
    expect(unfinishedReleaseItems(stages, [ready, open])).toEqual([
      { id: "b", title: "Item b", stage: { id: "development-id", key: "development", name: "Development" }, why: "Development not done: Code reviewed." },
    ]);
  });

  it("an item further upstream is not done even with its own stage's criteria met; in or past Deployment it is", () => {
    const upstream = item("up", "requirements", ["requirements-c0"]);
    const inDeployment = item("in", "deployment");
    const past = item("past", "operations");
    const result = unfinishedReleaseItems(stages, [upstream, inDeployment, past]);
    expect(result.map((i) => [i.id, i.why])).toEqual([["up", "Still in Requirements: it has not reached Development."]]);
  });

  it("the stage before Deployment is the last one in use: a retired stage in between is passed over", () => {
    const withRetired = [...stages, stage("review", 5.5, ["Reviewed"], true)];
    expect(unfinishedReleaseItems(withRetired, [item("a", "development", ["development-c0", "development-c1"])])).toEqual([]);
    // an item left in the retired stage has not reached Development's end either
    expect(unfinishedReleaseItems(withRetired, [item("r", "review", ["review-c0"])]).map((i) => i.id)).toEqual(["r"]);
  });

  it("a service without a Deployment stage judges each item by its own stage's criteria", () => {
    const noGate = stages.filter((s) => s.key !== "deployment");
    expect(unfinishedReleaseItems(noGate, [item("a", "requirements", ["requirements-c0"]), item("b", "operations")]).map((i) => i.id)).toEqual(["b"]);
  });

  it("an item in a stage the service does not have is not done", () => {
    expect(unfinishedReleaseItems(stages, [{ id: "x", title: "X", stageId: "gone", metCriterionIds: [] }]).map((i) => i.id)).toEqual(["x"]);
  });
});

describe("checkGoOverUnfinished", () => {
  const unfinished = [1, 2, 3, 4].map((n) => ({
    id: `i${n}`,
    title: `Item ${n}`,
    stage: { id: "dev", key: "development", name: "Development" },
    why: "Development not done: Code reviewed.",
  }));

  it("a GO over unfinished items without a reason is refused, listing them; a blank reason is no reason", () => {
    for (const reason of [null, undefined, "", "   "]) {
      const check = checkGoOverUnfinished("GO", unfinished.slice(0, 1), reason);
      expect(check).toMatchObject({ ok: false, code: "GO_OVER_UNFINISHED", unfinishedItems: unfinished.slice(0, 1) });
    }
    const many = checkGoOverUnfinished("GO", unfinished, null);
    expect(!many.ok && many.message).toBe(
      "4 items are not done: “Item 1” (Development), “Item 2” (Development), “Item 3” (Development) and 1 more. Give a reason to go anyway, or decide NO-GO.",
    );
  });

  it("with a reason the GO stands and keeps the reason, trimmed", () => {
    expect(checkGoOverUnfinished("GO", unfinished, "  Hotfix for a customer outage  ")).toEqual({ ok: true, overrideReason: "Hotfix for a customer outage" });
  });

  it("a NO-GO needs no reason, and a GO with nothing unfinished keeps none", () => {
    expect(checkGoOverUnfinished("NO_GO", unfinished, null)).toEqual({ ok: true, overrideReason: null });
    expect(checkGoOverUnfinished("NO_GO", unfinished, "why not")).toEqual({ ok: true, overrideReason: null });
    expect(checkGoOverUnfinished("GO", [], "nothing to override")).toEqual({ ok: true, overrideReason: null });
  });
});
