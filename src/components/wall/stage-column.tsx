"use client";

import type { TWorkItem } from "@/lib/schemas/item";
import { ItemCard } from "./item-card";
import type { WallStage } from "./wall-state";

type Props = {
  stage: WallStage;
  items: readonly TWorkItem[];
  stages: readonly WallStage[];
  pendingIds: ReadonlySet<string>;
  now: number;
  canMove: boolean;
  onMove: (itemId: string, toStageId: string) => void;
};

// One column of the value stream. Kept free of state so drag and drop can wrap it as a drop zone.
export function StageColumn({ stage, items, stages, pendingIds, now, canMove, onMove }: Props) {
  const overWip = stage.wipLimit !== null && items.length > stage.wipLimit;
  const headingId = `stage-${stage.id}`;
  return (
    <section
      aria-labelledby={headingId}
      data-testid="stage-column"
      data-stage-id={stage.id}
      data-stage-key={stage.key}
      className={`flex min-h-0 w-80 shrink-0 flex-col rounded-xl border ${
        overWip ? "border-red-400 bg-red-50 dark:bg-red-950/40" : "border-slate-200 bg-slate-200/60 dark:border-slate-800 dark:bg-slate-900/60"
      } ${stage.retired ? "opacity-60" : ""}`}
    >
      <header className="flex min-h-16 items-start justify-between gap-2 px-3 pt-3 pb-1">
        <h2 id={headingId} className="text-lg leading-tight font-bold">
          {stage.name}
          {stage.retired && <span className="ml-2 text-sm font-normal">(retired)</span>}
        </h2>
        <span
          data-testid="stage-count"
          className={`shrink-0 rounded-full px-2.5 py-0.5 text-base font-semibold tabular-nums ${
            overWip ? "bg-red-600 text-white" : "bg-white text-slate-700 dark:bg-slate-800 dark:text-slate-200"
          }`}
          aria-label={
            stage.wipLimit === null
              ? `${items.length} items, no WIP limit`
              : `${items.length} items, WIP limit ${stage.wipLimit}${overWip ? ", over the limit" : ""}`
          }
        >
          {items.length}
          {stage.wipLimit !== null && <span className="font-normal"> / {stage.wipLimit}</span>}
        </span>
      </header>
      <ol className="flex min-h-0 flex-1 flex-col gap-2 overflow-y-auto px-3 pt-1 pb-3" aria-label={`Items in ${stage.name}`}>
        {items.length === 0 ? (
          <li className="py-4 text-center text-sm text-slate-600 dark:text-slate-400">No items</li>
        ) : (
          items.map((item) => (
            <li key={item.id}>
              <ItemCard
                item={item}
                stage={stage}
                stages={stages}
                now={now}
                moving={pendingIds.has(item.id)}
                canMove={canMove}
                onMove={onMove}
              />
            </li>
          ))
        )}
      </ol>
    </section>
  );
}
