"use client";

import {
  KeyboardCode,
  KeyboardSensor,
  PointerSensor,
  type KeyboardCoordinateGetter,
  type PointerSensorOptions,
} from "@dnd-kit/core";
import type { PointerEvent as ReactPointerEvent } from "react";
import { adjacentColumn, shiftToCentre, type ColumnBox } from "./board-logic";

// Controls inside a card (the move menu, the title link, buttons) keep their own clicks: a
// pointer press on them never starts a drag. The drag handle is the one button that does.
const OWN_CLICKS = "a, button, select, input, textarea, label, [contenteditable]";

function startsOnControl(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest("[data-drag-handle]")) return false;
  return target.closest(OWN_CLICKS) !== null;
}

/** The pointer sensor for a whole card, except presses on the controls inside it. */
export class CardPointerSensor extends PointerSensor {
  static activators = [
    {
      eventName: "onPointerDown" as const,
      handler: ({ nativeEvent: event }: ReactPointerEvent, { onActivation }: PointerSensorOptions) => {
        if (!event.isPrimary || event.button !== 0 || startsOnControl(event.target)) return false;
        onActivation?.({ event });
        return true;
      },
    },
  ];
}

export { KeyboardSensor };

/**
 * Arrow keys move a picked-up card a whole column at a time (dnd-kit's default moves it 25 px):
 * Left/Right centre it over the neighbouring stage; Up/Down do nothing, as a card's place in a
 * column is its rank, not where it is dropped.
 */
export const columnKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  if (event.code !== KeyboardCode.Right && event.code !== KeyboardCode.Left) {
    if (event.code === KeyboardCode.Up || event.code === KeyboardCode.Down) event.preventDefault();
    return undefined;
  }
  event.preventDefault();
  const { collisionRect, droppableRects, droppableContainers, over, active } = context;
  if (!collisionRect) return undefined;
  const columns: ColumnBox[] = [];
  for (const container of droppableContainers.getEnabled()) {
    const rect = droppableRects.get(container.id);
    if (rect) columns.push({ id: String(container.id), left: rect.left, width: rect.width });
  }
  // Before the first arrow the card is over its own column (or not yet over anything).
  const fromId = over ? String(over.id) : ((active?.data.current as { stageId?: string } | undefined)?.stageId ?? null);
  const target = adjacentColumn(columns, fromId, event.code === KeyboardCode.Right ? "right" : "left");
  if (!target) return undefined;
  return { x: currentCoordinates.x + shiftToCentre(target, collisionRect.left, collisionRect.width), y: currentCoordinates.y };
};
