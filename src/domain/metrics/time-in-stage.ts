// Time in stage, split into process time and wait time (docs/decisions/007-flow-metrics.md):
//   wait    = blocked ∪ queued (entered, no done-criterion ticked yet) ∪ done-waiting (every
//             criterion met, not yet pulled on), each counted once where they overlap;
//   process = time in stage − wait.
// Everything is clipped to the period; an item still in a stage is counted up to the period end.
import type { ItemHistory, StageInterval } from "./history";
import { clip, unionLength, type Span } from "./intervals";
import type { Period } from "./period";

export type StaySplit = { total: number; wait: number; process: number; blocked: number; queued: number; doneWaiting: number };

/** Splits one stay in a stage (clipped to the period); null when it lies outside the period. */
export function splitStay(history: ItemHistory, stay: StageInterval, period: Period): StaySplit | null {
  const inPeriod = clip(stay.start, stay.end ?? period.to, period.from, period.to);
  if (!inPeriod) return null;
  const within = (s: number, e: number): Span | null => clip(s, e, inPeriod.start, inPeriod.end);
  const blocked: Span[] = [];
  for (const b of history.blocked) {
    const c = within(b.start, b.end ?? period.to);
    if (c) blocked.push(c);
  }
  const stayEnd = stay.end ?? period.to;
  const queued = stay.firstWorkAt === null ? null : within(stay.start, stay.firstWorkAt);
  const doneWaiting = stay.doneAt === null ? null : within(stay.doneAt, stayEnd);
  const waitSpans = [...blocked, ...(queued ? [queued] : []), ...(doneWaiting ? [doneWaiting] : [])];
  const total = inPeriod.end - inPeriod.start;
  const wait = unionLength(waitSpans);
  return {
    total,
    wait,
    process: total - wait,
    blocked: unionLength(blocked),
    queued: queued ? queued.end - queued.start : 0,
    doneWaiting: doneWaiting ? doneWaiting.end - doneWaiting.start : 0,
  };
}

export type StageTime = {
  stageId: string;
  total: number;
  process: number;
  wait: number;
  blocked: number;
  queued: number;
  doneWaiting: number;
  // stays that overlapped the period (an item back in the stage after rework counts again)
  stays: number;
  // distinct items that spent time in the stage in the period
  items: number;
};

/** Per stage: summed time, process and wait over every stay overlapping the period. */
export function timeInStages(histories: Iterable<ItemHistory>, period: Period): Map<string, StageTime> {
  const out = new Map<string, StageTime>();
  for (const h of histories) {
    const seen = new Set<string>();
    for (const stay of h.intervals) {
      // Most stays of a long history ended before the period: skip them before any arithmetic.
      if (stay.end !== null && stay.end <= period.from) continue;
      const split = splitStay(h, stay, period);
      if (!split) continue;
      let t = out.get(stay.stageId);
      if (!t) {
        t = { stageId: stay.stageId, total: 0, process: 0, wait: 0, blocked: 0, queued: 0, doneWaiting: 0, stays: 0, items: 0 };
        out.set(stay.stageId, t);
      }
      t.total += split.total;
      t.process += split.process;
      t.wait += split.wait;
      t.blocked += split.blocked;
      t.queued += split.queued;
      t.doneWaiting += split.doneWaiting;
      t.stays += 1;
      if (!seen.has(stay.stageId)) {
        seen.add(stay.stageId);
        t.items += 1;
      }
    }
  }
  return out;
}
