"use client";

import type { ItemKind, TWorkItem } from "@/lib/schemas/item";
import { MoveMenu } from "./move-menu";
import { formatAge, type WallStage } from "./wall-state";

const KIND: Record<ItemKind, { label: string; className: string }> = {
  FEATURE: { label: "Feature", className: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100" },
  RFC: { label: "RfC", className: "bg-violet-100 text-violet-900 dark:bg-violet-900 dark:text-violet-100" },
  MAINTENANCE: { label: "Maintenance", className: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100" },
  DEFECT: { label: "Defect", className: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100" },
  IMPROVEMENT: { label: "Improvement", className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100" },
};

type Props = {
  item: TWorkItem;
  stage: WallStage;
  stages: readonly WallStage[];
  now: number;
  moving: boolean;
  canMove: boolean;
  onMove: (itemId: string, toStageId: string) => void;
};

export function ItemCard({ item, stage, stages, now, moving, canMove, onMove }: Props) {
  const ageMs = now - Date.parse(item.enteredStageAt);
  const tooOld = stage.ageThresholdHours !== null && ageMs > stage.ageThresholdHours * 3_600_000;
  const kind = KIND[item.kind];
  return (
    <article
      data-testid="item-card"
      data-item-id={item.id}
      aria-label={item.title}
      aria-busy={moving || undefined}
      className={`rounded-lg border bg-white p-3 shadow-sm dark:bg-slate-900 ${
        item.blockedReason ? "border-red-500 border-l-8" : "border-slate-200 dark:border-slate-700"
      } ${moving ? "opacity-70 ring-2 ring-sky-400" : ""}`}
    >
      <h3 className="text-lg leading-snug font-semibold break-words">{item.title}</h3>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
        <span className={`rounded px-2 py-0.5 font-medium ${kind.className}`}>{kind.label}</span>
        <span
          className={tooOld ? "font-semibold text-amber-700 dark:text-amber-400" : "text-slate-600 dark:text-slate-400"}
          title={`In this stage since ${new Date(item.enteredStageAt).toUTCString()}`}
        >
          {formatAge(ageMs)} in stage{tooOld ? " · over age limit" : ""}
        </span>
      </div>
      {item.blockedReason && (
        <p className="mt-2 text-sm font-medium text-red-700 dark:text-red-300">Blocked: {item.blockedReason}</p>
      )}
      {canMove && (
        <MoveMenu
          itemTitle={item.title}
          currentStageId={item.stageId}
          stages={stages}
          disabled={moving}
          onMove={(to) => onMove(item.id, to)}
        />
      )}
    </article>
  );
}
