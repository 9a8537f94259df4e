// The words a stage header shows for each problem: short enough for a TV, still exactly what is wrong.
import { describe, expect, it } from "vitest";
import { problemKindSummary, problemLabel, problemTone } from "@/components/wall/problems/problem-labels";
import { stageProblems } from "@/domain/visual-control";

const item = (id: string, extra: Partial<{ blockedReason: string; expediteReason: string; sentBackReason: string; enteredStageAt: string }> = {}) => ({
  id,
  title: `Item ${id}`,
  blockedReason: extra.blockedReason ?? null,
  enteredStageAt: extra.enteredStageAt ?? "2026-11-27T11:00:00.000Z",
  expediteReason: extra.expediteReason ?? null,
  sentBackReason: extra.sentBackReason ?? null,
});

describe("stage header labels", () => {
  const now = new Date("2026-11-30T12:00:00.000Z");

  it("says what is wrong in a few words, from the domain's problems", () => {
    const problems = stageProblems({
      stage: { name: "Development", wipLimit: 5, ageThresholdHours: 48 },
      items: [
        item("1", { blockedReason: "Waiting for the API key" }),
        item("2", { sentBackReason: "No test story" }),
        item("3", { expediteReason: "Outage fix" }),
        item("4", { enteredStageAt: "2026-11-30T11:00:00.000Z" }),
        item("5", { enteredStageAt: "2026-11-30T11:00:00.000Z" }),
        item("6", { enteredStageAt: "2026-11-30T11:00:00.000Z" }),
        item("7", { enteredStageAt: "2026-11-30T11:00:00.000Z" }),
      ],
      openAndons: [{ reason: "Pipeline red", itemId: null }],
      extra: [
        { kind: "FAILING_TEST", message: "2 failing acceptance test cases on 1 item", itemIds: ["1"] },
        { kind: "FAILED_GATE", message: "Release 2.3 NO-GO — Security failed: pen test finding", itemIds: ["3"] },
        { kind: "RFC_WAITING", message: "1 request for change has waited more than 48 h for approval", itemIds: [] },
      ],
      now,
    });
    const labels = problems.map((p) => problemLabel(p, { itemCount: 7, wipLimit: 5 }, 48));
    expect(labels).toEqual([
      "Andon: Pipeline red",
      "WIP 7/5 over limit",
      "Expedite: Outage fix",
      "1 blocked: Waiting for the API key",
      "3 older than 48 h",
      "1 sent back: No test story",
      "Failing test: 2 cases on 1 item",
      "Release 2.3 NO-GO",
      "1 RfC waiting > 48 h",
    ]);
  });

  it("counts several items instead of naming them", () => {
    const problems = stageProblems({
      stage: { name: "Ops", wipLimit: null, ageThresholdHours: null },
      items: [item("1", { blockedReason: "a" }), item("2", { blockedReason: "b" }), item("3", { sentBackReason: "x" }), item("4", { sentBackReason: "y" })],
      openAndons: [],
      extra: [{ kind: "RFC_WAITING", message: "3 requests for change have waited more than 48 h for approval", itemIds: [] }],
      now,
    });
    expect(problems.map((p) => problemLabel(p, { itemCount: 4, wipLimit: null }, null))).toEqual(["2 blocked", "2 sent back", "3 RfC waiting > 48 h"]);
  });

  it("an andon stops the line; waiting is a warning; defects and failures are bad", () => {
    expect(problemTone("ANDON")).toBe("stop");
    expect(problemTone("AGED")).toBe("warn");
    expect(problemTone("RFC_WAITING")).toBe("warn");
    expect(problemTone("FAILED_GATE")).toBe("bad");
    expect(problemTone("REJECTED")).toBe("bad");
  });

  it("the folded problem strip names the kinds, loudest first, adding up to the total", () => {
    const p = (kind: Parameters<typeof problemTone>[0]) => ({ kind, message: kind, itemIds: [] });
    const health = [
      { problems: [p("AGED"), p("BLOCKED")] },
      { problems: [] },
      { problems: [p("BLOCKED"), p("ANDON"), p("FAILED_GATE")] },
    ];
    expect(problemKindSummary(health)).toBe("1 andon · 2 blocked · 1 NO-GO · 1 waiting too long");
    expect(problemKindSummary([{ problems: [] }])).toBe("");
  });
});
