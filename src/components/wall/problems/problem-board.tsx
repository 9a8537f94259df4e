"use client";

import type { StageHealth } from "@/components/wall/wall-state";
import { problemTone } from "./problem-labels";

// The top of the wall: every stage's open problems at a glance, left to right. A stage's entry
// takes you to its column (scrolled into view, its heading focused), for a mouse or a keyboard.

/** Brings a stage's column into view and moves focus to its heading. */
export function focusStage(stageId: string): void {
  const column = document.querySelector<HTMLElement>(`[data-testid="stage-column"][data-stage-id="${CSS.escape(stageId)}"]`);
  if (!column) return;
  column.scrollIntoView({ behavior: "smooth", block: "nearest", inline: "center" });
  column.querySelector<HTMLElement>("h2")?.focus({ preventScroll: true });
}

export function ProblemBoard({ health, onSelect = focusStage }: { health: readonly StageHealth[]; onSelect?: (stageId: string) => void }) {
  const withProblems = health.filter((h) => h.problems.length > 0);
  const total = withProblems.reduce((n, h) => n + h.problems.length, 0);
  return (
    <section
      aria-label="Open problems"
      data-testid="problem-board"
      data-problems={total}
      className="px-4 pb-3 sm:px-6"
    >
      {total === 0 ? (
        <p
          data-testid="problem-board-green"
          className="flex items-center gap-2 rounded-lg bg-emerald-100 px-4 py-2 text-lg font-bold text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
        >
          <span aria-hidden="true">✓</span> No open problems: every stage is green
        </p>
      ) : (
        <div className="flex flex-wrap items-stretch gap-2">
          <h2 className="flex items-center rounded-lg bg-slate-900 px-3 py-1 text-base font-bold text-white dark:bg-slate-100 dark:text-slate-900">
            {total} open {total === 1 ? "problem" : "problems"}
          </h2>
          {withProblems.map((h) => {
            const stop = h.andons.length > 0;
            const bad = h.problems.some((p) => problemTone(p.kind) !== "warn");
            return (
              <button
                key={h.stageId}
                type="button"
                data-testid="problem-board-stage"
                data-stage-id={h.stageId}
                onClick={() => onSelect(h.stageId)}
                className={`flex max-w-md flex-col items-start rounded-lg px-3 py-1.5 text-left focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 ${
                  stop
                    ? "bg-red-700 text-white hover:bg-red-800"
                    : bad
                      ? "border-2 border-red-600 bg-red-50 text-red-950 hover:bg-red-100 dark:bg-red-950 dark:text-red-50"
                      : "border-2 border-amber-500 bg-amber-50 text-amber-950 hover:bg-amber-100 dark:bg-amber-950 dark:text-amber-50"
                }`}
              >
                <span className="text-base font-bold">
                  {h.stageName} · {h.problems.length}
                  <span className="sr-only"> {h.problems.length === 1 ? "problem" : "problems"}, go to the stage</span>
                </span>
                <span className="text-sm leading-snug">{h.problems.map((p) => p.message).join(" · ")}</span>
              </button>
            );
          })}
        </div>
      )}
    </section>
  );
}
