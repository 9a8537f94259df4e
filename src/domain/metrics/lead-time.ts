// Lead time per item, from committed (first entering the start stage or any stage after it) to
// done (the last entry into the done stage or any stage after it, with no return upstream since).
// Rework: the time from each rejection until the item is back in the stage that sent it back —
// inside the lead time, reported beside it so "sent back twice" shows what it cost.
import type { ItemHistory } from "./history";
import type { Period } from "./period";
import type { LeadTimeBounds } from "./stages";
import { splitStay } from "./time-in-stage";

export type ItemFlow = {
  itemId: string;
  committedAt: number | null;
  doneAt: number | null; // null: not done (yet, or sent back out of done)
  leadTime: number | null;
  reworkTime: number;
  rejections: number;
  processTime: number; // within [committedAt, doneAt) — the flow-efficiency numerator
};

/** Position of a stage for the bounds; unknown stages (deleted rows) count as before everything. */
type Positions = ReadonlyMap<string, number>;

/** `now` ends rework still under way (an item sent back and not yet returned). */
export function itemFlow(h: ItemHistory, bounds: LeadTimeBounds, positions: Positions, now: number): ItemFlow {
  const startPos = positions.get(bounds.startStageId) ?? Number.POSITIVE_INFINITY;
  const donePos = positions.get(bounds.doneStageId) ?? Number.POSITIVE_INFINITY;
  const pos = (stageId: string) => positions.get(stageId) ?? Number.NEGATIVE_INFINITY;
  const stays = h.intervals;
  const committed = stays.find((s) => pos(s.stageId) >= startPos);
  const committedAt = committed ? committed.start : null;
  // Done: the item is now at or past the done stage; done since the start of that final run.
  let doneAt: number | null = null;
  const last = stays[stays.length - 1]!;
  if (committedAt !== null && pos(last.stageId) >= donePos) {
    let i = stays.length - 1;
    while (i > 0 && pos(stays[i - 1]!.stageId) >= donePos) i--;
    doneAt = stays[i]!.start;
  }
  let reworkTime = 0;
  let rejections = 0;
  const until = doneAt ?? now;
  for (let i = 0; i < stays.length; i++) {
    const s = stays[i]!;
    if (s.enteredBy !== "rejection") continue;
    rejections += 1;
    const sentBackFrom = stays[i - 1]?.stageId;
    const back = stays.slice(i + 1).find((t) => t.stageId === sentBackFrom);
    const reworkEnd = Math.min(back ? back.start : now, until);
    const reworkStart = Math.max(s.start, committedAt ?? Number.POSITIVE_INFINITY);
    if (reworkEnd > reworkStart) reworkTime += reworkEnd - reworkStart;
  }
  let processTime = 0;
  if (committedAt !== null && doneAt !== null) {
    const span: Period = { from: committedAt, to: doneAt };
    for (const s of stays) processTime += splitStay(h, s, span)?.process ?? 0;
  }
  return {
    itemId: h.itemId,
    committedAt,
    doneAt,
    leadTime: committedAt !== null && doneAt !== null ? doneAt - committedAt : null,
    reworkTime,
    rejections,
    processTime,
  };
}

/** Finished items: done inside the period. */
export function finishedInPeriod(flows: readonly ItemFlow[], period: Period): ItemFlow[] {
  return flows.filter((f) => f.doneAt !== null && f.doneAt >= period.from && f.doneAt < period.to);
}
