"use client";

import type { WallStage } from "./wall-state";

type Props = {
  itemTitle: string;
  currentStageId: string;
  stages: readonly WallStage[];
  disabled: boolean;
  onMove: (toStageId: string) => void;
};

// A native <select>: keyboard and screen-reader friendly with no extra code. Drag and drop
// (a later issue) will call the same onMove.
export function MoveMenu({ itemTitle, currentStageId, stages, disabled, onMove }: Props) {
  return (
    <select
      aria-label={`Move “${itemTitle}” to another stage`}
      value=""
      disabled={disabled}
      onChange={(e) => {
        if (e.target.value) onMove(e.target.value);
      }}
      className="mt-3 w-full cursor-pointer rounded-md border border-slate-300 bg-slate-50 px-2 py-1.5 text-sm text-slate-700 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:cursor-wait disabled:opacity-60 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200"
    >
      <option value="">{disabled ? "Moving…" : "Move to…"}</option>
      {stages
        .filter((s) => !s.retired && s.id !== currentStageId)
        .map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
    </select>
  );
}
