// Item histories as they stood at an instant: the server keeps one fold of the whole log per
// service (advanced by seq) and cuts it at a past period's end instead of folding again.
import type { ItemHistory, StageInterval } from "./history";

/**
 * The histories as the log up to `t` (exclusive) would have folded them: items created at or
 * after `t` are left out, stays entered at or after `t` dropped, the stay open at `t` reopened,
 * blocks and done-criteria ticks after `t` forgotten. One difference from a fold cut at `t`: a
 * stage's "done since" that a later untick cleared stays cleared (the fold keeps no undo).
 */
export function historiesAsOf(histories: Iterable<ItemHistory>, t: number): Map<string, ItemHistory> {
  const out = new Map<string, ItemHistory>();
  for (const h of histories) {
    const cut = asOf(h, t);
    if (cut) out.set(h.itemId, cut);
  }
  return out;
}

function asOf(h: ItemHistory, t: number): ItemHistory | null {
  const first = h.intervals[0];
  if (!first || first.start >= t) return null;
  const last = h.intervals[h.intervals.length - 1]!;
  const lastBlock = h.blocked[h.blocked.length - 1];
  const untouched = (last.end === null || last.end < t) && last.start < t && (!lastBlock || ((lastBlock.end === null || lastBlock.end < t) && lastBlock.start < t));
  if (untouched && (last.firstWorkAt === null || last.firstWorkAt < t) && (last.doneAt === null || last.doneAt < t)) return h;
  const intervals: StageInterval[] = [];
  for (const s of h.intervals) {
    if (s.start >= t) break;
    const open = s.end !== null && s.end >= t;
    intervals.push({
      ...s,
      end: open ? null : s.end,
      leftBy: open ? null : s.leftBy,
      firstWorkAt: s.firstWorkAt !== null && s.firstWorkAt >= t ? null : s.firstWorkAt,
      doneAt: s.doneAt !== null && s.doneAt >= t ? null : s.doneAt,
    });
  }
  const blocked = h.blocked.filter((b) => b.start < t).map((b) => (b.end !== null && b.end >= t ? { start: b.start, end: null } : b));
  return { itemId: h.itemId, intervals, blocked };
}
