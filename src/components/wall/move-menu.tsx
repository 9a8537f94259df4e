"use client";

import { moveOptions } from "@/domain/flow-rules";
import type { WallStage } from "./wall-state";

type Props = {
  itemTitle: string;
  currentStageId: string;
  stages: readonly WallStage[];
  disabled: boolean;
  onMove: (toStageId: string) => void;
};

// A native <select>: keyboard and screen-reader friendly with no extra code. Drag and drop
// calls the same onMove. The options come from the domain's rule (moveOptions): the next stage
// downstream and every stage upstream (a send-back); a stage further downstream is listed but
// disabled, with the stages it would skip, so the person sees why.
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
      {moveOptions(stages, currentStageId).map((o) => (
        <option key={o.stage.id} value={o.stage.id} disabled={!o.allowed}>
          {o.allowed ? o.stage.name : `${o.stage.name} — ${o.reason}`}
        </option>
      ))}
    </select>
  );
}
