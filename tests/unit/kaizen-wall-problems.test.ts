// Kaizen on the value-stream wall through the one visual-control model: an overdue countermeasure
// is a problem on its problem's stage, a proposal unanswered past the threshold one on the
// upstream stage asked; both link what they concern; the stage header says it in a few words.
import { describe, expect, it } from "vitest";
import { kaizenHref } from "@/components/wall/problems/stage-header";
import { problemLabel, problemTone } from "@/components/wall/problems/problem-labels";
import { kaizenWallProblems, type KaizenWallFacts } from "@/domain/kaizen/wall-problems";
import { countProblems, stageProblems } from "@/domain/visual-control";

const now = new Date("2026-12-10T12:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const facts = (over: Partial<KaizenWallFacts>): KaizenWallFacts => ({
  problems: [],
  proposals: [],
  stageIds: ["req", "dev", "ops"],
  proposalAnswerDays: 5,
  now,
  ...over,
});
const problem = (id: string, stageId: string | null, cms: Array<{ due: string | null; done?: boolean }>) => ({
  id,
  title: `Problem ${id}`,
  stageId,
  countermeasures: cms.map((c, i) => ({ description: `Countermeasure ${id}${i}`, done: c.done ?? false, dueDate: c.due ? day(c.due) : null })),
});

describe("overdue countermeasures on the wall", () => {
  it("an open countermeasure past its due day is a problem on its problem's stage, linking the problem", () => {
    const out = kaizenWallProblems(facts({ problems: [problem("p1", "dev", [{ due: "2026-12-08" }])] }));
    expect(out).toEqual([
      {
        stageId: "dev",
        kind: "COUNTERMEASURE_OVERDUE",
        message: "Countermeasure overdue — Countermeasure p10 (Problem p1)",
        itemIds: [],
        problemIds: ["p1"],
      },
    ]);
  });

  it("due today, done, or without a due date: not overdue, the stage stays green", () => {
    const out = kaizenWallProblems(
      facts({ problems: [problem("p1", "dev", [{ due: "2026-12-10" }, { due: "2026-12-01", done: true }, { due: null }])] }),
    );
    expect(out).toEqual([]);
  });

  it("several on one stage make one problem naming how many and on which problems; a whole-service problem shows on the first stage", () => {
    const out = kaizenWallProblems(
      facts({
        problems: [
          problem("p1", "dev", [{ due: "2026-12-01" }, { due: "2026-12-02" }]),
          problem("p2", "dev", [{ due: "2026-12-03" }]),
          problem("p3", null, [{ due: "2026-12-03" }]),
          problem("p4", "retired-stage", [{ due: "2026-12-03" }]),
        ],
      }),
    );
    expect(out.map((p) => [p.stageId, p.message, p.problemIds])).toEqual([
      ["dev", "3 countermeasures overdue — on 2 problems", ["p1", "p2"]],
      ["req", "2 countermeasures overdue — on 2 problems", ["p3", "p4"]],
    ]);
  });
});

describe("Kaizen-in-advance proposals unanswered", () => {
  const proposal = (id: string, toStageId: string, daysAgo: number) => ({
    id,
    fromStageName: "Operations",
    toStageId,
    createdAt: new Date(now.getTime() - daysAgo * 86_400_000),
  });

  it("past the service's threshold it is a problem on the upstream stage asked, naming the proposals", () => {
    const out = kaizenWallProblems(facts({ proposals: [proposal("k1", "dev", 7), proposal("k2", "dev", 2)] }));
    expect(out).toEqual([
      { stageId: "dev", kind: "PROPOSAL_UNANSWERED", message: "Kaizen proposal unanswered — from Operations, waiting 7 days", itemIds: [], proposalIds: ["k1"] },
    ]);
    const two = kaizenWallProblems(facts({ proposals: [proposal("k1", "dev", 7), proposal("k2", "dev", 6)] }));
    expect(two[0]).toMatchObject({ message: "2 Kaizen proposals unanswered — the oldest waiting 7 days", proposalIds: ["k1", "k2"] });
  });

  it("the threshold is the service's: the same proposal is not late with ten days", () => {
    expect(kaizenWallProblems(facts({ proposals: [proposal("k1", "dev", 7)], proposalAnswerDays: 10 }))).toEqual([]);
    expect(kaizenWallProblems(facts({ proposals: [proposal("k1", "dev", 5)] }))).toHaveLength(1);
  });
});

describe("through the one visual-control model", () => {
  const kaizen = kaizenWallProblems(
    facts({ problems: [problem("p1", "dev", [{ due: "2026-12-01" }])], proposals: [{ id: "k1", fromStageName: "Operations", toStageId: "dev", createdAt: day("2026-12-01") }] }),
  );
  const problems = stageProblems({
    stage: { name: "Development", wipLimit: null, ageThresholdHours: null },
    items: [],
    openAndons: [{ reason: "Build red", itemId: null, problemId: "p9" }],
    extra: kaizen.map(({ stageId: _s, ...p }) => p),
    now,
  });

  it("they count on the home page like any problem, and the andon's problem is linked too", () => {
    expect(problems.map((p) => p.kind)).toEqual(["ANDON", "COUNTERMEASURE_OVERDUE", "PROPOSAL_UNANSWERED"]);
    expect(problems[0]!.problemIds).toEqual(["p9"]);
    expect(countProblems(problems)).toEqual({ andons: 1, problems: 2 });
  });

  it("the stage header says them in a few words, as warnings, linking the sheet or the Kaizen wall", () => {
    const health = { itemCount: 0, wipLimit: null };
    expect(problemLabel(problems[1]!, health, null)).toBe("Countermeasure overdue");
    expect(problemLabel(problems[2]!, health, null)).toBe("Kaizen proposal unanswered");
    expect(problemTone("COUNTERMEASURE_OVERDUE")).toBe("warn");
    expect(problemTone("PROPOSAL_UNANSWERED")).toBe("warn");
    expect(kaizenHref("web", problems[0]!)).toBe("/services/web/kaizen/p9");
    expect(kaizenHref("web", problems[1]!)).toBe("/services/web/kaizen/p1");
    expect(kaizenHref("web", { problemIds: ["a", "b"] })).toBe("/services/web/kaizen");
    expect(kaizenHref("web", problems[2]!)).toBe("/services/web/kaizen#proposals-heading");
    expect(kaizenHref("web", { problemIds: [] })).toBeNull();
  });
});
