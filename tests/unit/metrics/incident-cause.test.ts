import { describe, expect, it } from "vitest";
import { CAUSE_WINDOW_MS, findIncidentCause, sameCommit, SHA_PATTERN, type CauseCandidate } from "@/domain/metrics/incident-cause";

const H = 3_600_000;
const T = Date.UTC(2026, 10, 10, 12);
const deploy = (id: string, hoursBefore: number, commitSha: string | null, environment = "production"): CauseCandidate => ({
  id,
  environment,
  finishedAt: T - hoursBefore * H,
  commitSha,
});

describe("which deployment caused an incident", () => {
  const list = [
    deploy("d1", 30, "aaaaaaa1111111111111111111111111111111111"),
    deploy("d2", 5, "bbbbbbb2222222222222222222222222222222222"),
    deploy("d3", 2, "ccccccc3333333333333333333333333333333333", "staging"),
    deploy("d4", -1, "bbbbbbb2222222222222222222222222222222222"), // the same commit again, after the incident
  ];

  it("by commit SHA: the production deployment of that commit before the incident, a short SHA and any case will do", () => {
    expect(findIncidentCause(list, T, { commitSha: "AAAAAAA1" })).toEqual({ deploymentId: "d1", link: "COMMIT" });
    expect(findIncidentCause(list, T, { commitSha: "bbbbbbb2222" })).toEqual({ deploymentId: "d2", link: "COMMIT" });
  });

  it("by commit SHA, when the commit reached production only later: its latest deployment", () => {
    expect(findIncidentCause([deploy("late", -3, "ddddddd4")], T, { commitSha: "ddddddd4" })).toEqual({ deploymentId: "late", link: "COMMIT" });
  });

  it("falls back to the last production deployment within the window when the SHA matches nothing or none is given", () => {
    expect(findIncidentCause(list, T, { commitSha: "eeeeeee5" })).toEqual({ deploymentId: "d2", link: "TIME_WINDOW" });
    expect(findIncidentCause(list, T, {})).toEqual({ deploymentId: "d2", link: "TIME_WINDOW" }); // not staging d3, not d4 after it
  });

  it("blames nothing outside the window (24 h) or outside production", () => {
    expect(CAUSE_WINDOW_MS).toBe(24 * H);
    expect(findIncidentCause([deploy("old", 25, null), deploy("stage", 1, null, "staging")], T, {})).toBeNull();
    expect(findIncidentCause([deploy("edge", 24, null)], T, {})).toEqual({ deploymentId: "edge", link: "TIME_WINDOW" });
  });

  it("compares SHAs by prefix, and knows a SHA when it sees one", () => {
    expect(sameCommit("abc1234", "ABC1234ffff")).toBe(true);
    expect(sameCommit("abc1234", "abc1235")).toBe(false);
    expect(SHA_PATTERN.test("015e3d3b480e417aede5a1293bd61de9b0fd051d")).toBe(true);
    expect(SHA_PATTERN.test("abc12")).toBe(false);
    expect(SHA_PATTERN.test("not-a-sha")).toBe(false);
  });
});
