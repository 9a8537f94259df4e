// Applies a service's events to the items of a wall snapshot: the one reducer shared by the
// browser wall and the tests, so "what an event means for the wall" is written once.
import type { ObeyaEvent } from "@/lib/events";
import type { TWorkItem } from "@/lib/schemas/item";

export type WallItems = { items: TWorkItem[]; seq: number };

/** Returns a new state with `event` applied (the input is not mutated); unknown types only advance seq. */
export function applyWallEvent<S extends WallItems>(state: S, event: ObeyaEvent): S {
  switch (event.type) {
    case "item.created": {
      const exists = state.items.some((i) => i.id === event.payload.item.id);
      const items = exists ? state.items : [...state.items, event.payload.item];
      return { ...state, items, seq: event.seq };
    }
    case "item.moved": {
      const p = event.payload;
      const items = state.items.map((i) =>
        i.id === p.itemId ? { ...i, stageId: p.toStageId, version: p.version, enteredStageAt: p.enteredStageAt } : i,
      );
      return { ...state, items, seq: event.seq };
    }
    default:
      return { ...state, seq: event.seq };
  }
}
