"use client";

import { AndonBanner } from "./andon-banner";
import { focusStage, ProblemBoard } from "./problem-board";
import { useWallProblems } from "./wall-problems";

/** The top of the live wall: the andon banner (when the line is stopped) and the problem board. */
/** `onSelectStage`: what choosing a stage in the strip does (default: scroll to its column and focus it). */
export function WallProblemsTop({ now, onSelectStage = focusStage }: { now: number; onSelectStage?: (stageId: string) => void }) {
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
        compact
      />
      <ProblemBoard health={ctx.health} onSelect={onSelectStage} serviceKey={ctx.serviceKey} />
    </>
  );
}
