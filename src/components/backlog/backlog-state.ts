// The backlog wall's client state as a pure reducer: the live events of the service, and the
// Service Master's optimistic reorders with their rollback. Unit-tested without a browser.
import { compareRanks, planReorder } from "@/domain/backlog";
import type { ObeyaEvent } from "@/lib/events";
import type { TBacklog, TBacklogItem } from "@/lib/schemas/backlog";

export type BacklogNotice = { id: number; text: string };

export type BacklogState = {
  // Not yet done, by rank.
  items: TBacklogItem[];
  doneStageId: string | null;
  seq: number;
  // Reorders sent but not answered: the rank to go back to if the server refuses.
  pending: Record<string, { previousRank: string }>;
  notices: BacklogNotice[];
  nextNoticeId: number;
};

export type ReorderMove = { itemId: string; afterItemId: string | null; beforeItemId: string | null };

export type BacklogAction =
  | { type: "reset"; backlog: TBacklog }
  | { type: "event"; event: ObeyaEvent }
  | { type: "reorder.start"; move: ReorderMove }
  | { type: "reorder.confirmed"; itemId: string; rank: string }
  | { type: "reorder.failed"; itemId: string; message: string }
  | { type: "notice.dismiss"; id: number };

export function initialBacklogState(backlog: TBacklog): BacklogState {
  return { items: sortByRank(backlog.items), doneStageId: backlog.doneStageId, seq: backlog.seq, pending: {}, notices: [], nextNoticeId: 1 };
}

function sortByRank(items: TBacklogItem[]): TBacklogItem[] {
  return [...items].sort((a, b) => compareRanks(a.rank, b.rank));
}

function patch(state: BacklogState, itemId: string, change: (i: TBacklogItem) => TBacklogItem | null): BacklogState {
  const at = state.items.findIndex((i) => i.id === itemId);
  if (at < 0) return state;
  const next = change(state.items[at]!);
  const items = next === null ? state.items.toSpliced(at, 1) : state.items.with(at, next);
  return { ...state, items };
}

function notice(state: BacklogState, text: string): BacklogState {
  return { ...state, notices: [...state.notices, { id: state.nextNoticeId, text }].slice(-3), nextNoticeId: state.nextNoticeId + 1 };
}

function applyEvent(state: BacklogState, ev: ObeyaEvent): BacklogState {
  switch (ev.type) {
    case "item.created": {
      const item = ev.payload.item;
      if (item.stageId === state.doneStageId || state.items.some((i) => i.id === item.id)) return state;
      const added: TBacklogItem = { ...item, teamId: null, stories: { user: 0, test: 0, operations: 0, failingTests: 0 } };
      return { ...state, items: sortByRank([...state.items, added]) };
    }
    case "item.moved":
    case "item.rejected": {
      const p = ev.payload;
      return patch(state, p.itemId, (i) =>
        p.toStageId === state.doneStageId ? null : { ...i, stageId: p.toStageId, version: Math.max(i.version, p.version), enteredStageAt: p.enteredStageAt },
      );
    }
    case "item.updated": {
      const next = ev.payload.item;
      const updated = patch(state, next.id, (i) => (i.version > next.version ? i : { ...i, ...next, rank: i.rank }));
      return next.stageId === state.doneStageId ? patch(updated, next.id, () => null) : updated;
    }
    case "item.blocked":
      return patch(state, ev.payload.itemId, (i) => ({ ...i, blockedReason: ev.payload.reason, version: Math.max(i.version, ev.payload.version) }));
    case "item.unblocked":
      return patch(state, ev.payload.itemId, (i) => ({ ...i, blockedReason: null, version: Math.max(i.version, ev.payload.version) }));
    case "item.reordered": {
      // Our own reorder is confirmed by its response; its event must not undo a later one of ours.
      if (state.pending[ev.payload.itemId]) return state;
      const moved = patch(state, ev.payload.itemId, (i) => ({ ...i, rank: ev.payload.rank }));
      return { ...moved, items: sortByRank(moved.items) };
    }
    case "story.created":
    case "story.updated": {
      const counts = ev.payload.counts;
      if (!counts) return state;
      return patch(state, ev.payload.itemId, (i) => ({ ...i, stories: counts }));
    }
    default:
      return state;
  }
}

export function backlogReducer(state: BacklogState, action: BacklogAction): BacklogState {
  switch (action.type) {
    case "reset":
      return { ...initialBacklogState(action.backlog), notices: state.notices, nextNoticeId: state.nextNoticeId };
    case "event":
      return { ...applyEvent(state, action.event), seq: Math.max(state.seq, action.event.seq) };
    case "reorder.start": {
      const item = state.items.find((i) => i.id === action.move.itemId);
      if (!item) return state;
      // The same rule the server applies, on the list as this browser knows it.
      let plan;
      try {
        plan = planReorder(state.items, action.move);
      } catch {
        return state;
      }
      if (!plan.ok) return notice(state, plan.message);
      const moved = patch(state, item.id, (i) => ({ ...i, rank: plan.rank }));
      return {
        ...moved,
        items: sortByRank(moved.items),
        pending: { ...state.pending, [item.id]: { previousRank: state.pending[item.id]?.previousRank ?? item.rank } },
      };
    }
    case "reorder.confirmed": {
      const { [action.itemId]: _done, ...pending } = state.pending;
      void _done;
      const moved = patch(state, action.itemId, (i) => ({ ...i, rank: action.rank }));
      return { ...moved, items: sortByRank(moved.items), pending };
    }
    case "reorder.failed": {
      const previous = state.pending[action.itemId];
      const { [action.itemId]: _failed, ...pending } = state.pending;
      void _failed;
      const back = previous ? patch(state, action.itemId, (i) => ({ ...i, rank: previous.previousRank })) : state;
      return notice({ ...back, items: sortByRank(back.items), pending }, action.message);
    }
    case "notice.dismiss":
      return { ...state, notices: state.notices.filter((n) => n.id !== action.id) };
  }
}
