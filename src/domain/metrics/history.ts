// Item histories folded from the event log: the one input every flow formula reads.
// Definitions of each interval are in docs/decisions/007-flow-metrics.md.
// Times are epoch milliseconds (UTC) so the formulas stay plain arithmetic.

/** The flow-relevant facts of the event log, already parsed from Event rows. */
export type FlowEvent =
  | { kind: "created"; itemId: string; at: number; stageId: string }
  | { kind: "moved"; itemId: string; at: number; fromStageId: string; toStageId: string; rejected: boolean }
  | { kind: "blocked"; itemId: string; at: number }
  | { kind: "unblocked"; itemId: string; at: number }
  // A done-criterion of `stageId` ticked (done) or unticked; stageDone says whether every
  // criterion of the stage was met after the change (undefined on events written before it existed).
  | { kind: "criterion"; itemId: string; at: number; stageId: string; done: boolean; stageDone?: boolean };

export type StageInterval = {
  stageId: string;
  start: number;
  end: number | null; // null: the item is still in the stage
  enteredBy: "created" | "move" | "rejection";
  leftBy: "move" | "rejection" | null;
  // First done-criterion ticked in this stay: work visibly started (null: no tick seen).
  firstWorkAt: number | null;
  // Since when every criterion of the stage has been met, without being unticked again before leaving.
  doneAt: number | null;
};

export type ItemHistory = {
  itemId: string;
  intervals: StageInterval[];
  // Blocked spans [start, end) — end null while still blocked. A block may span stage changes.
  blocked: { start: number; end: number | null }[];
};

/** Starts an empty fold; feed it events in seq order with applyFlowEvent. */
export function newHistories(): Map<string, ItemHistory> {
  return new Map();
}

/** Applies one event to the histories (mutates: the server keeps the fold and advances it by seq). */
export function applyFlowEvent(histories: Map<string, ItemHistory>, e: FlowEvent): void {
  let h = histories.get(e.itemId);
  if (e.kind === "created") {
    if (h) return; // a replayed creation: the first one stands
    histories.set(e.itemId, {
      itemId: e.itemId,
      intervals: [open(e.stageId, e.at, "created")],
      blocked: [],
    });
    return;
  }
  if (!h) {
    // History without its creation (a log cut short): start it at the first stage we see.
    if (e.kind !== "moved") return;
    h = { itemId: e.itemId, intervals: [open(e.fromStageId, e.at, "created")], blocked: [] };
    histories.set(e.itemId, h);
  }
  const current = h.intervals[h.intervals.length - 1]!;
  switch (e.kind) {
    case "moved": {
      if (current.end === null) {
        current.end = e.at;
        current.leftBy = e.rejected ? "rejection" : "move";
      }
      h.intervals.push(open(e.toStageId, e.at, e.rejected ? "rejection" : "move"));
      return;
    }
    case "blocked": {
      const last = h.blocked[h.blocked.length - 1];
      if (!last || last.end !== null) h.blocked.push({ start: e.at, end: null });
      return;
    }
    case "unblocked": {
      const last = h.blocked[h.blocked.length - 1];
      if (last && last.end === null) last.end = e.at;
      return;
    }
    case "criterion": {
      if (current.end !== null || current.stageId !== e.stageId) return;
      if (e.done && current.firstWorkAt === null) current.firstWorkAt = e.at;
      if (e.stageDone === true && current.doneAt === null) current.doneAt = e.at;
      if (e.stageDone === false || (!e.done && e.stageDone === undefined)) current.doneAt = null;
      return;
    }
  }
}

function open(stageId: string, at: number, enteredBy: StageInterval["enteredBy"]): StageInterval {
  return { stageId, start: at, end: null, enteredBy, leftBy: null, firstWorkAt: null, doneAt: null };
}

/** Folds a whole log (in seq order). */
export function buildHistories(events: readonly FlowEvent[]): Map<string, ItemHistory> {
  const histories = newHistories();
  for (const e of events) applyFlowEvent(histories, e);
  return histories;
}
