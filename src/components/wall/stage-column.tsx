"use client";

import { useDroppable } from "@dnd-kit/core";
import { memo } from "react";
import type { BoardItem, Lane } from "./board/board-logic";
import { CardList } from "./board/card-list";
import { ItemCard } from "./item-card";
import { stageColumnAlarm, WallStageHeader } from "./problems/stage-header";
import { useStageHealth } from "./problems/wall-problems";
import type { WallStage } from "./wall-state";

type Props = {
  stage: WallStage;
  items: readonly BoardItem[];
  // Swimlanes: the column's items per lane (one lane "all" without lanes), in rank order.
  lanes: readonly Lane[];
  itemsByLane: ReadonlyMap<string, readonly BoardItem[]>;
  stages: readonly WallStage[];
  pendingIds: ReadonlySet<string>;
  now: number;
  canMove: boolean;
  onMove: (itemId: string, toStageId: string) => void;
  // Not the stage a phone shows: hidden below `sm` (the phone shows one stage, full width).
  phoneHidden?: boolean;
};

// One column of the value stream and the drop zone of drag and drop: a card dropped anywhere on
// it (any lane) moves to this stage. With lanes the column is a subgrid, so each lane's row lines
// up across all columns.
export const StageColumn = memo(function StageColumn({ stage, items, lanes, itemsByLane, stages, pendingIds, now, canMove, onMove, phoneHidden = false }: Props) {
  const overWip = stage.wipLimit !== null && items.length > stage.wipLimit;
  const headingId = `stage-${stage.id}`;
  const { setNodeRef, isOver, active } = useDroppable({ id: stage.id, data: { stageName: stage.name }, disabled: stage.retired });
  const laned = lanes.length > 1;
  const dropTarget = isOver && active !== null && (active.data.current as { stageId?: string } | undefined)?.stageId !== stage.id;
  // Visual control: the whole column turns red while the andon is pulled on it.
  const alarm = stageColumnAlarm(useStageHealth(stage.id));
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      data-testid="stage-column"
      data-stage-id={stage.id}
      data-stage-key={stage.key}
      data-drop-target={dropTarget || undefined}
      data-andon={alarm.andon}
      data-problems={alarm.problems}
      className={`${laned ? "row-span-full grid grid-rows-subgrid" : "flex min-h-0 flex-col"} w-80 shrink-0 ${phoneHidden ? "max-sm:hidden" : "max-sm:w-full"} rounded-xl border transition-shadow ${
        alarm.className ||
        (overWip ? "border-red-400 bg-red-50 dark:bg-red-950/40" : "border-slate-200 bg-slate-200/60 dark:border-slate-800 dark:bg-slate-900/60")
      } ${stage.retired ? "opacity-60" : ""} ${dropTarget ? "ring-4 ring-sky-500 ring-inset" : ""}`}
    >
      <WallStageHeader stage={stage} headingId={headingId} itemCount={items.length} />
      {lanes.map((lane) => (
        <CardList
          key={lane.key}
          items={itemsByLane.get(lane.key) ?? []}
          label={laned ? `${lane.label} items in ${stage.name}` : `Items in ${stage.name}`}
          empty={laned ? "" : "No items"}
          className={
            laned
              ? "max-h-[30rem] min-h-20 overflow-y-auto border-t border-slate-300/70 px-3 py-2 dark:border-slate-700"
              : "min-h-0 flex-1 overflow-y-auto px-3 pt-1 pb-3"
          }
          renderItem={(item) => (
            <ItemCard
              item={item}
              stage={stage}
              stages={stages}
              now={now}
              moving={pendingIds.has(item.id)}
              canMove={canMove}
              onMove={onMove}
            />
          )}
        />
      ))}
    </section>
  );
});
