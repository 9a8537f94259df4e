// Kaizen on the value-stream wall, through the one visual-control model (StageProblem): an
// overdue countermeasure is a problem on the stage of its problem, and a Kaizen-in-advance
// proposal left unanswered past the service's threshold is a problem on the upstream stage it
// was made to. Pure: the server reads the rows, this decides what the wall shows.
import type { StageProblem } from "../visual-control";
import { isOverdue } from "./pdca";

export type KaizenWallProblem = StageProblem & { kind: "COUNTERMEASURE_OVERDUE" | "PROPOSAL_UNANSWERED"; stageId: string };

export type KaizenWallFacts = {
  /** Open (not closed) problems with their countermeasures. stageId null: the whole service. */
  problems: ReadonlyArray<{
    id: string;
    title: string;
    stageId: string | null;
    countermeasures: ReadonlyArray<{ description: string; done: boolean; dueDate: Date | null }>;
  }>;
  /** Proposals still waiting for an answer. */
  proposals: ReadonlyArray<{ id: string; fromStageName: string; toStageId: string; createdAt: Date }>;
  /** The wall's stages left to right (not retired): a whole-service problem shows on the first. */
  stageIds: readonly string[];
  /** KaizenSettings.proposalAnswerDays */
  proposalAnswerDays: number;
  now: Date;
};

const DAY_MS = 86_400_000;

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export function kaizenWallProblems(f: KaizenWallFacts): KaizenWallProblem[] {
  const out: KaizenWallProblem[] = [];
  const known = new Set(f.stageIds);
  const first = f.stageIds[0];
  const place = (stageId: string | null) => (stageId && known.has(stageId) ? stageId : (first ?? null));

  // Overdue countermeasures, one problem per stage naming them.
  const overdueByStage = new Map<string, Array<{ problemId: string; title: string; description: string }>>();
  for (const p of f.problems) {
    const stageId = place(p.stageId);
    if (!stageId) continue;
    for (const c of p.countermeasures) {
      if (!isOverdue(c, f.now)) continue;
      overdueByStage.set(stageId, [...(overdueByStage.get(stageId) ?? []), { problemId: p.id, title: p.title, description: c.description }]);
    }
  }
  for (const [stageId, list] of overdueByStage) {
    const problemIds = [...new Set(list.map((c) => c.problemId))];
    out.push({
      stageId,
      kind: "COUNTERMEASURE_OVERDUE",
      message:
        list.length === 1
          ? `Countermeasure overdue — ${list[0]!.description} (${list[0]!.title})`
          : `${list.length} countermeasures overdue — on ${problemIds.length} ${plural(problemIds.length, "problem", "problems")}`,
      itemIds: [],
      problemIds,
    });
  }

  // Proposals unanswered past the threshold, on the stage asked to answer.
  const cutoff = f.now.getTime() - f.proposalAnswerDays * DAY_MS;
  const waitingByStage = new Map<string, Array<{ id: string; from: string; createdAt: Date }>>();
  for (const p of f.proposals) {
    if (p.createdAt.getTime() > cutoff || !known.has(p.toStageId)) continue;
    waitingByStage.set(p.toStageId, [...(waitingByStage.get(p.toStageId) ?? []), { id: p.id, from: p.fromStageName, createdAt: p.createdAt }]);
  }
  for (const [stageId, list] of waitingByStage) {
    const oldest = Math.floor((f.now.getTime() - Math.min(...list.map((p) => p.createdAt.getTime()))) / DAY_MS);
    out.push({
      stageId,
      kind: "PROPOSAL_UNANSWERED",
      message:
        list.length === 1
          ? `Kaizen proposal unanswered — from ${list[0]!.from}, waiting ${oldest} days`
          : `${list.length} Kaizen proposals unanswered — the oldest waiting ${oldest} days`,
      itemIds: [],
      proposalIds: list.map((p) => p.id),
    });
  }
  return out;
}
