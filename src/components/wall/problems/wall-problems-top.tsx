"use client";

import { AndonBanner } from "./andon-banner";
import { ProblemBoard } from "./problem-board";
import { useWallProblems } from "./wall-problems";

/** The top of the live wall: the andon banner (when the line is stopped) and the problem board. */
export function WallProblemsTop({ now }: { now: number }) {
  const ctx = useWallProblems();
  if (!ctx) return null;
  const andons = ctx.health.flatMap((h) => h.andons).sort((a, b) => (a.pulledAt < b.pulledAt ? -1 : 1));
  return (
    <>
      <AndonBanner
        andons={andons}
        stageName={(id) => ctx.byStage.get(id)?.stageName ?? "a stage"}
        now={now}
        onRelease={ctx.canReleaseAndon ? ctx.requestRelease : undefined}
      />
      <ProblemBoard health={ctx.health} />
    </>
  );
}
