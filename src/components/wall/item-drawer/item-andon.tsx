"use client";

import type { TItemDetail } from "@/lib/schemas/item-detail";
import { useWallProblems } from "../problems/wall-problems";
import { dangerButtonClass, formatUtc, secondaryButtonClass } from "./format";

/**
 * The andon on this card: pull it (the line stops at the card's stage) or release it with the
 * countermeasure. The wall's own andon dialogs do the asking, so a pull from a card and from a
 * stage header are one flow; outside a wall (no provider) nothing is shown.
 */
export function ItemAndon({ detail }: { detail: TItemDetail }) {
  const wall = useWallProblems();
  if (!wall) return null;
  const { item } = detail;
  const open = item.andon ? wall.byStage.get(item.stageId)?.andons.find((a) => a.id === item.andon!.id) : undefined;
  if (item.andon) {
    return (
      <div className="flex flex-wrap items-center gap-3" data-testid="item-andon">
        <p className="font-semibold text-red-700 dark:text-red-300">
          Andon pulled on this item {formatUtc(item.andon.pulledAt)}: {item.andon.reason}
        </p>
        {wall.canReleaseAndon && open && (
          <button type="button" className={secondaryButtonClass} onClick={() => wall.requestRelease(open)}>
            Release andon…
          </button>
        )}
      </div>
    );
  }
  if (!wall.canPullAndon) return null;
  return (
    <div data-testid="item-andon">
      <button
        type="button"
        className={dangerButtonClass}
        onClick={() => wall.requestPull({ stageId: item.stageId, itemId: item.id, itemTitle: item.title })}
      >
        Pull andon on this item…
      </button>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Stops the line at {detail.stage.name} until it is released.</p>
    </div>
  );
}
