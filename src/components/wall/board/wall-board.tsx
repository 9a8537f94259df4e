"use client";

import {
  closestCenter,
  DndContext,
  DragOverlay,
  pointerWithin,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { useCallback, useMemo, useRef, useState } from "react";
import { DraggedCard } from "../item-card";
import { StageColumn } from "../stage-column";
import type { WallStage } from "../wall-state";
import { groupByLane, lanesFor, type BoardItem, type LaneMode } from "./board-logic";
import { CardPointerSensor, columnKeyboardCoordinates, KeyboardSensor } from "./sensors";
import { StagePicker, useStageSwipe } from "./stage-picker";

type Props = {
  stages: readonly WallStage[];
  // Items per stage as shown (pending moves already in their target), in rank order.
  columns: ReadonlyMap<string, BoardItem[]>;
  pendingIds: ReadonlySet<string>;
  now: number;
  canMove: boolean;
  laneMode: LaneMode;
  // The one move path: the "Move to…" menu and a drop both end here.
  onMove: (itemId: string, toStageId: string) => void;
  // The one stage a phone shows (CSS hides the others below `sm`), and how to choose another.
  phoneStageId: string;
  onPhoneStageChange: (stageId: string) => void;
  // True on a phone-sized screen: a sideways swipe then steps through the stages.
  phone: boolean;
};

// A pointer drops on the column under it; the keyboard centres the card over a column, so the
// nearest column centre is the one it is over.
const collision: CollisionDetection = (args) => (args.pointerCoordinates ? pointerWithin(args) : closestCenter(args));

const INSTRUCTIONS =
  "To move a card, press Space or Enter on its grip. Use the left and right arrow keys to choose a stage, then Space or Enter to drop it there, or Escape to cancel.";

export function WallBoard({ stages, columns, pendingIds, now, canMove, laneMode, onMove, phoneStageId, onPhoneStageChange, phone }: Props) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const overSeen = useRef(false);
  const sensors = useSensors(
    // A few pixels of travel before a drag starts: a click on the card stays a click.
    useSensor(CardPointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates, scrollBehavior: "auto" }),
  );

  const byId = useMemo(() => {
    const map = new Map<string, { item: BoardItem; stage: WallStage }>();
    for (const stage of stages) for (const item of columns.get(stage.id) ?? []) map.set(item.id, { item, stage });
    return map;
  }, [stages, columns]);
  const stageNameOf = useCallback((id: UniqueIdentifier | undefined) => stages.find((s) => s.id === id)?.name ?? "no stage", [stages]);
  const titleOf = useCallback((id: UniqueIdentifier) => `“${byId.get(String(id))?.item.title ?? "the card"}”`, [byId]);

  // Screen readers hear the card and the stage at every step (dnd-kit's live region).
  const announcements: Announcements = useMemo(
    () => ({
      onDragStart: ({ active }) => `Picked up ${titleOf(active.id)} in ${byId.get(String(active.id))?.stage.name ?? "its stage"}.`,
      onDragOver: ({ active, over }) => {
        // The first "over" after a pick-up is the card's own stage: saying so would talk over
        // "Picked up …" in the live region.
        const first = !overSeen.current;
        overSeen.current = true;
        if (first && over && over.id === byId.get(String(active.id))?.stage.id) return undefined;
        return over ? `${titleOf(active.id)} is over ${stageNameOf(over.id)}.` : `${titleOf(active.id)} is not over a stage.`;
      },
      onDragEnd: ({ active, over }) => {
        const from = byId.get(String(active.id))?.stage;
        if (!over) return `${titleOf(active.id)} was dropped outside the stages and stays in ${from?.name ?? "its stage"}.`;
        if (from && over.id === from.id) return `${titleOf(active.id)} was dropped back in ${from.name}.`;
        return `${titleOf(active.id)} was dropped on ${stageNameOf(over.id)}. Moving it.`;
      },
      onDragCancel: ({ active }) =>
        `Moving ${titleOf(active.id)} was cancelled. It stays in ${byId.get(String(active.id))?.stage.name ?? "its stage"}.`,
    }),
    [byId, stageNameOf, titleOf],
  );

  const onDragStart = useCallback((e: DragStartEvent) => {
    overSeen.current = false;
    setActiveId(String(e.active.id));
  }, []);
  const onDragEnd = useCallback(
    (e: DragEndEvent) => {
      setActiveId(null);
      const from = byId.get(String(e.active.id))?.stage;
      if (e.over && from && e.over.id !== from.id) onMove(String(e.active.id), String(e.over.id));
    },
    [byId, onMove],
  );

  const lanes = useMemo(() => lanesFor(laneMode), [laneMode]);
  const laned = lanes.length > 1;
  const grouped = useMemo(() => {
    const out = new Map<string, Map<string, BoardItem[]>>();
    for (const stage of stages) out.set(stage.id, groupByLane(columns.get(stage.id) ?? [], laneMode));
    return out;
  }, [stages, columns, laneMode]);
  const active = activeId ? byId.get(activeId) : undefined;
  const swipe = useStageSwipe(phone, (direction) => {
    const next = stages[stages.findIndex((s) => s.id === phoneStageId) + direction];
    if (next) onPhoneStageChange(next.id);
  });

  const stageColumns = stages.map((stage) => (
    <StageColumn
      key={stage.id}
      stage={stage}
      items={columns.get(stage.id) ?? []}
      lanes={lanes}
      itemsByLane={grouped.get(stage.id)!}
      stages={stages}
      pendingIds={pendingIds}
      now={now}
      canMove={canMove}
      onMove={onMove}
      phoneHidden={stage.id !== phoneStageId}
    />
  ));

  return (
    <DndContext
      id="value-stream-dnd"
      sensors={sensors}
      collisionDetection={collision}
      accessibility={{ announcements, screenReaderInstructions: { draggable: INSTRUCTIONS } }}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setActiveId(null)}
    >
      <StagePicker stages={stages} columns={columns} current={phoneStageId} onChange={onPhoneStageChange} />
      {/* Both regions are positioned: the columns' visually hidden (absolute) labels would
          otherwise escape the scroll box and widen the whole page. */}
      {laned ? (
        <div
          className="relative min-h-0 flex-1 overflow-auto px-4 pb-4 sm:px-6"
          role="region"
          aria-label="Value stream, stages left to right, swimlanes by kind"
          tabIndex={0}
        >
          <div
            className="grid w-max gap-x-3"
            style={{ gridTemplateColumns: `7.5rem repeat(${stages.length}, 20rem)`, gridTemplateRows: `auto repeat(${lanes.length}, auto)` }}
          >
            <div className="sticky left-0 z-10 row-span-full grid grid-rows-subgrid bg-slate-50 dark:bg-slate-950" aria-hidden="true">
              <div />
              {lanes.map((lane) => {
                const count = stages.reduce((n, s) => n + (grouped.get(s.id)?.get(lane.key)?.length ?? 0), 0);
                return (
                  <div key={lane.key} data-testid="lane-label" className="flex flex-col justify-start border-t border-slate-300/70 pt-3 pr-2 dark:border-slate-700">
                    <span className="text-base font-bold">{lane.label}</span>
                    <span className="text-sm text-slate-600 tabular-nums dark:text-slate-400">{count}</span>
                  </div>
                );
              })}
            </div>
            {stageColumns}
          </div>
        </div>
      ) : (
        <div
          className="relative flex min-h-0 flex-1 items-stretch gap-3 overflow-x-auto px-4 pb-4 sm:px-6"
          role="region"
          aria-label="Value stream, stages left to right"
          tabIndex={0}
          {...swipe}
        >
          {stageColumns}
        </div>
      )}
      <DragOverlay dropAnimation={null}>{active ? <DraggedCard item={active.item} stage={active.stage} now={now} /> : null}</DragOverlay>
    </DndContext>
  );
}
