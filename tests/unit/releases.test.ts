import { describe, expect, it } from "vitest";
import {
  checkGateDecision,
  DEFAULT_GATE_CRITERIA,
  failedGateMessage,
  isStale,
  latestDecision,
  mayDeploy,
  mayEnterDeployment,
  type AssessmentInput,
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
