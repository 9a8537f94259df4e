// The wall's client state as pure functions over plain data, so live events, optimistic moves
// and their rollback are one reducer (unit-tested without a browser), and a drag-and-drop
// layer can later dispatch the same actions as the "Move to…" menu.
import type { ObeyaEvent } from "@/lib/events";
import { applyWallEvent } from "@/lib/realtime/wall-state";
import type { TWorkItem } from "@/lib/schemas/item";

export type WallStage = {
  id: string;
  key: string;
  name: string;
  position: number;
  wipLimit: number | null;
  ageThresholdHours: number | null;
  retired: boolean;
  // The stage's done-criteria (JKK), as the snapshot sends them: a card shows what it is missing.
  doneCriteria?: { id: string; text: string }[];
};

export type PendingMove = { toStageId: string; fromStageId: string; expectedVersion: number };

export type WallNotice = { id: number; tone: "error" | "info"; text: string };

export type WallState = {
  stages: WallStage[];
  // Confirmed state: what the server said (snapshot + events + move responses).
  items: TWorkItem[];
  // The last event applied (the snapshot's seq before any).
  seq: number;
  // Moves sent but not answered: shown on screen before the server confirms them.
  pending: Record<string, PendingMove>;
  notices: WallNotice[];
  nextNoticeId: number;
};

export type WallAction =
  | { type: "reset"; stages: WallStage[]; items: TWorkItem[]; seq: number }
  | { type: "event"; event: ObeyaEvent }
  | { type: "move.start"; itemId: string; toStageId: string }
  | { type: "move.confirmed"; item: TWorkItem }
  | { type: "move.failed"; itemId: string; message: string; current: TWorkItem | null }
  | { type: "notice.dismiss"; id: number };

export function initialWallState(stages: WallStage[], items: TWorkItem[], seq: number): WallState {
  return { stages, items, seq, pending: {}, notices: [], nextNoticeId: 1 };
}

function findItem(state: WallState, itemId: string): TWorkItem | undefined {
  return state.items.find((i) => i.id === itemId);
}

/** Keeps whichever copy of an item is newer: events, move responses and 409 bodies may cross. */
function upsertIfNewer(items: TWorkItem[], next: TWorkItem): TWorkItem[] {
  const i = items.findIndex((x) => x.id === next.id);
  if (i < 0) return [...items, next];
  if (items[i]!.version >= next.version) return items;
  return items.with(i, next);
}

function addNotice(state: WallState, tone: WallNotice["tone"], text: string): WallState {
  // The last few only: a TV left on for days must not pile them up.
  const notices = [...state.notices, { id: state.nextNoticeId, tone, text }].slice(-3);
  return { ...state, notices, nextNoticeId: state.nextNoticeId + 1 };
}

export function stageName(state: WallState, stageId: string): string {
  return state.stages.find((s) => s.id === stageId)?.name ?? "another stage";
}

export function wallReducer(state: WallState, action: WallAction): WallState {
  switch (action.type) {
    case "reset":
      return { ...initialWallState(action.stages, action.items, action.seq), notices: state.notices, nextNoticeId: state.nextNoticeId };

    case "event": {
      const ev = action.event;
      // Our own move's response may have landed before its event: never step an item back.
      if (ev.type === "item.moved") {
        const known = findItem(state, ev.payload.itemId);
        if (known && known.version >= ev.payload.version) return { ...state, seq: ev.seq };
      }
      // WallFeed hands events over in seq order, once each; the shared reducer says what they mean.
      return applyWallEvent(state, ev);
    }

    case "move.start": {
      const item = findItem(state, action.itemId);
      if (!item || state.pending[action.itemId] || item.stageId === action.toStageId) return state;
      return {
        ...state,
        pending: {
          ...state.pending,
          [action.itemId]: { toStageId: action.toStageId, fromStageId: item.stageId, expectedVersion: item.version },
        },
      };
    }

    case "move.confirmed": {
      const { [action.item.id]: _done, ...pending } = state.pending;
      return { ...state, pending, items: upsertIfNewer(state.items, action.item) };
    }

    case "move.failed": {
      const { [action.itemId]: _failed, ...pending } = state.pending;
      const items = action.current ? upsertIfNewer(state.items, action.current) : state.items;
      return addNotice({ ...state, pending, items }, "error", action.message);
    }

    case "notice.dismiss":
      return { ...state, notices: state.notices.filter((n) => n.id !== action.id) };
  }
}

/** Where an item shows now: its pending target while a move is in flight, else where it is. */
export function shownStageId(state: WallState, item: TWorkItem): string {
  return state.pending[item.id]?.toStageId ?? item.stageId;
}

/** Items per stage, in rank order (fractional-index ranks compare as plain strings). */
export function itemsByStage(state: WallState): Map<string, TWorkItem[]> {
  const byStage = new Map<string, TWorkItem[]>(state.stages.map((s) => [s.id, []]));
  for (const item of state.items) byStage.get(shownStageId(state, item))?.push(item);
  for (const list of byStage.values()) list.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : 1));
  return byStage;
}

/** "3d", "5h", "12m": short enough for a card on a TV. */
export function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}
