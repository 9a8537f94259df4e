"use client";

import { useId, useRef, useSyncExternalStore, type TouchEvent } from "react";
import { useWallProblems } from "../problems/wall-problems";
import type { WallStage } from "../wall-state";

// A phone shows the value stream one stage at a time: eleven columns of 20rem do not fit 390 px,
// and a board that scrolls sideways inside a page that scrolls down hides where you are. The
// picker names every stage with its count and problems; previous/next and a swipe step through.

/** Below Tailwind's `sm` (640 px): the phone layout. CSS decides what shows; this only for behaviour. */
const PHONE_QUERY = "(max-width: 639.98px)";

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(PHONE_QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

/** True on a phone-sized screen (false on the server and in the first render, which CSS covers). */
export function useIsPhone(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(PHONE_QUERY).matches,
    () => false,
  );
}

/** The stage a phone shows first: the first one with cards, so the first look shows work. */
export function firstStageWithItems(stages: readonly WallStage[], columns: ReadonlyMap<string, readonly unknown[]>): string | null {
  return (stages.find((s) => (columns.get(s.id)?.length ?? 0) > 0) ?? stages[0])?.id ?? null;
}

type Props = {
  stages: readonly WallStage[];
  columns: ReadonlyMap<string, readonly unknown[]>;
  current: string;
  onChange: (stageId: string) => void;
};

const stepClass =
  "flex size-10 shrink-0 items-center justify-center rounded-lg bg-white text-xl font-bold text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600";

export function StagePicker({ stages, columns, current, onChange }: Props) {
  const id = useId();
  const problems = useWallProblems();
  const index = Math.max(0, stages.findIndex((s) => s.id === current));
  const prev = stages[index - 1];
  const next = stages[index + 1];
  return (
    <div data-testid="stage-picker" className="flex items-center gap-2 px-4 pb-2 sm:hidden">
      <button type="button" className={stepClass} disabled={!prev} onClick={() => prev && onChange(prev.id)} aria-label={prev ? `Previous stage: ${prev.name}` : "Previous stage"}>
        <span aria-hidden="true">‹</span>
      </button>
      <label htmlFor={id} className="sr-only">
        Stage shown
      </label>
      <select
        id={id}
        value={stages[index]?.id}
        onChange={(e) => onChange(e.target.value)}
        className="h-10 min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-2 text-base font-semibold dark:border-slate-600 dark:bg-slate-800"
      >
        {stages.map((s, i) => {
          const health = problems?.byStage.get(s.id);
          const count = columns.get(s.id)?.length ?? 0;
          const flag = health?.andons.length
            ? " · line stopped"
            : health?.problems.length
              ? ` · ${health.problems.length} ${health.problems.length === 1 ? "problem" : "problems"}`
              : "";
          return (
            <option key={s.id} value={s.id}>
              {`${i + 1}/${stages.length} ${s.name} (${count})${flag}`}
            </option>
          );
        })}
      </select>
      <button type="button" className={stepClass} disabled={!next} onClick={() => next && onChange(next.id)} aria-label={next ? `Next stage: ${next.name}` : "Next stage"}>
        <span aria-hidden="true">›</span>
      </button>
    </div>
  );
}

/**
 * A sideways swipe on the phone's board steps to the next or previous stage. Only a clear
 * horizontal swipe (not a scroll down the column), and never one that began on a control.
 */
export function useStageSwipe(enabled: boolean, step: (direction: 1 | -1) => void) {
  const start = useRef<{ x: number; y: number } | null>(null);
  return {
    onTouchStart: (e: TouchEvent) => {
      const t = e.touches[0];
      const onControl = (e.target as HTMLElement).closest("button, a, select, input, textarea");
      start.current = enabled && t && !onControl && e.touches.length === 1 ? { x: t.clientX, y: t.clientY } : null;
    },
    onTouchEnd: (e: TouchEvent) => {
      const from = start.current;
      start.current = null;
      const t = e.changedTouches[0];
      if (!from || !t) return;
      const dx = t.clientX - from.x;
      const dy = t.clientY - from.y;
      if (Math.abs(dx) >= 60 && Math.abs(dx) > 2 * Math.abs(dy)) step(dx < 0 ? 1 : -1);
    },
  };
}
