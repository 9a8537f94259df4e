"use client";

import { useDraggable } from "@dnd-kit/core";
import Link from "next/link";
import { memo, type ReactNode } from "react";
import type { ItemKind } from "@/lib/schemas/item";
import { criteriaProgress, KIND_LABEL, type BoardItem } from "./board/board-logic";
import { MoveMenu } from "./move-menu";
import { formatAge, type WallStage } from "./wall-state";

const KIND_CLASS: Record<ItemKind, string> = {
  FEATURE: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  RFC: "bg-violet-100 text-violet-900 dark:bg-violet-900 dark:text-violet-100",
  MAINTENANCE: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  DEFECT: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  IMPROVEMENT: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
};

type Props = {
  item: BoardItem;
  stage: WallStage;
  stages: readonly WallStage[];
  now: number;
  moving: boolean;
  canMove: boolean;
  onMove: (itemId: string, toStageId: string) => void;
};

/** Six dots: the grip people know from every board tool. */
function GripIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 12 20" className="h-5 w-3 fill-current">
      {[3, 10, 17].map((y) => (
        <g key={y}>
          <circle cx="3" cy={y} r="1.6" />
          <circle cx="9" cy={y} r="1.6" />
        </g>
      ))}
    </svg>
  );
}

type BodyProps = {
  item: BoardItem;
  stage: WallStage;
  now: number;
  handle?: ReactNode;
  menu?: ReactNode;
};

/** What a card shows; shared by the card on the wall and the copy that follows a drag. */
export function CardBody({ item, stage, now, handle, menu }: BodyProps) {
  const ageMs = now - Date.parse(item.enteredStageAt);
  const tooOld = stage.ageThresholdHours !== null && ageMs > stage.ageThresholdHours * 3_600_000;
  const jkk = criteriaProgress(stage.doneCriteria, item);
  return (
    <>
      <div className="flex items-start gap-1.5">
        {handle}
        <h3 className="min-w-0 flex-1 text-lg leading-snug font-semibold break-words">
          {/* The detail opens in a drawer at ?item=<id> (a deep link); the wall keeps its scroll position. */}
          <Link
            href={`?item=${encodeURIComponent(item.id)}`}
            scroll={false}
            data-testid="card-title-link"
            className="underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500"
          >
            {item.title}
          </Link>
        </h3>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <span className={`rounded px-2 py-0.5 font-medium ${KIND_CLASS[item.kind]}`}>{KIND_LABEL[item.kind]}</span>
        <span
          className={tooOld ? "font-semibold text-amber-700 dark:text-amber-400" : "text-slate-600 dark:text-slate-400"}
          title={`In this stage since ${new Date(item.enteredStageAt).toUTCString()}`}
        >
          {formatAge(ageMs)} in stage{tooOld ? " · over age limit" : ""}
        </span>
        {jkk.total > 0 && (
          <span
            data-testid="card-jkk"
            className={`rounded px-1.5 py-0.5 font-semibold tabular-nums ${
              jkk.missing.length === 0
                ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100"
                : "bg-white text-slate-700 ring-1 ring-slate-300 ring-inset dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600"
            }`}
            aria-label={`Done-criteria of ${stage.name}: ${jkk.done} of ${jkk.total} met`}
          >
            JKK {jkk.done}/{jkk.total}
          </span>
        )}
        {item.expedite && (
          <span
            data-testid="card-expedite"
            className="rounded bg-orange-700 px-2 py-0.5 font-bold tracking-wide text-white uppercase"
            title={`Expedite: ${item.expedite.reason}`}
          >
            Expedite
          </span>
        )}
        {item.andon && <span className="rounded bg-red-700 px-2 py-0.5 font-bold text-white uppercase">Andon</span>}
      </div>
      {item.expedite && (
        <p className="mt-1.5 text-sm text-orange-800 dark:text-orange-300" data-testid="card-expedite-reason">
          Expedite: {item.expedite.reason}
        </p>
      )}
      {jkk.missing.length > 0 && (
        <p className="mt-1.5 line-clamp-2 text-sm text-slate-700 dark:text-slate-300" data-testid="card-jkk-missing">
          <span className="font-semibold">Missing:</span> {jkk.missing.map((c) => c.text).join(" · ")}
        </p>
      )}
      {item.blockedReason && (
        <p className="mt-1.5 text-sm font-medium text-red-700 dark:text-red-300">Blocked: {item.blockedReason}</p>
      )}
      {item.andon && <p className="mt-1.5 text-sm font-medium text-red-700 dark:text-red-300">Andon: {item.andon.reason}</p>}
      {item.sentBack && (
        <p className="mt-1.5 text-sm font-medium text-rose-800 dark:text-rose-300">Sent back: {item.sentBack.reason}</p>
      )}
      {menu}
    </>
  );
}

function cardFrame(item: BoardItem, extra: string): string {
  const edge = item.blockedReason || item.andon ? "border-red-500 border-l-8" : item.expedite ? "border-orange-500 border-l-8" : "border-slate-200 dark:border-slate-700";
  return `rounded-lg border bg-white p-3 shadow-sm dark:bg-slate-900 ${edge} ${extra}`;
}

/**
 * A card on the wall. People who may move it drag it by any part that is not a control (the
 * pointer), or pick it up from its grip with the keyboard (Space/Enter, arrows, Space/Enter);
 * the "Move to…" menu stays as the plain alternative. Viewers get neither.
 */
export const ItemCard = memo(function ItemCard({ item, stage, stages, now, moving, canMove, onMove }: Props) {
  const { setNodeRef, setActivatorNodeRef, listeners, attributes, isDragging } = useDraggable({
    id: item.id,
    data: { title: item.title, stageId: item.stageId },
    disabled: !canMove || moving,
  });
  return (
    <article
      ref={setNodeRef}
      data-testid="item-card"
      data-item-id={item.id}
      aria-label={item.title}
      aria-busy={moving || undefined}
      {...(canMove ? listeners : {})}
      className={cardFrame(
        item,
        `${moving ? "opacity-70 ring-2 ring-sky-400" : ""} ${isDragging ? "opacity-40 ring-2 ring-sky-300" : ""} ${canMove ? "cursor-grab active:cursor-grabbing" : ""}`,
      )}
    >
      <CardBody
        item={item}
        stage={stage}
        now={now}
        handle={
          canMove ? (
            <button
              type="button"
              ref={setActivatorNodeRef}
              data-drag-handle
              {...attributes}
              aria-label={`Drag “${item.title}” to another stage`}
              // touch-none on the grip only: on a touch screen a swipe over the card still scrolls
              // the column, and the grip is where a finger drags.
              className="-ml-1 mt-0.5 shrink-0 cursor-grab touch-none rounded px-1 py-0.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-slate-400 dark:hover:bg-slate-800"
            >
              <GripIcon />
            </button>
          ) : undefined
        }
        menu={
          canMove ? (
            <MoveMenu
              itemTitle={item.title}
              currentStageId={item.stageId}
              stages={stages}
              disabled={moving}
              onMove={(to) => onMove(item.id, to)}
            />
          ) : undefined
        }
      />
    </article>
  );
});

/** The copy under the pointer (dnd-kit's DragOverlay) while a card is being moved. */
export function DraggedCard({ item, stage, now }: { item: BoardItem; stage: WallStage; now: number }) {
  return (
    // A picture of the card, not a second copy of its controls: hidden and inert (its title link too).
    <div className={cardFrame(item, "w-[19rem] rotate-1 cursor-grabbing shadow-2xl ring-2 ring-sky-500")} aria-hidden="true" inert>
      <CardBody
        item={item}
        stage={stage}
        now={now}
        handle={
          <span className="-ml-1 mt-0.5 shrink-0 px-1 py-0.5 text-slate-500">
            <GripIcon />
          </span>
        }
      />
    </div>
  );
}
