// %C/A (percent complete and accurate) per stage: of the items a stage passed on (a forward move
// out of it) in the period, the share that no later stage sent back into it. A pass counts as
// inaccurate when the item's next return to the stage is a rejection (enteredBy "rejection") —
// whenever that happens, even after the period, because it judges the pass made in the period.
import type { ItemHistory } from "./history";
import type { Period } from "./period";

export type CompleteAccurate = { stageId: string; passed: number; sentBack: number; percent: number | null };

export function completeAndAccurate(histories: Iterable<ItemHistory>, period: Period): Map<string, CompleteAccurate> {
  const out = new Map<string, CompleteAccurate>();
  for (const h of histories) {
    const stays = h.intervals;
    for (let i = 0; i < stays.length; i++) {
      const stay = stays[i]!;
      if (stay.leftBy !== "move" || stay.end === null || stay.end < period.from || stay.end >= period.to) continue;
      let c = out.get(stay.stageId);
      if (!c) {
        c = { stageId: stay.stageId, passed: 0, sentBack: 0, percent: null };
        out.set(stay.stageId, c);
      }
      c.passed += 1;
      const nextReturn = stays.slice(i + 1).find((s) => s.stageId === stay.stageId);
      if (nextReturn?.enteredBy === "rejection") c.sentBack += 1;
    }
  }
  for (const c of out.values()) c.percent = c.passed === 0 ? null : ((c.passed - c.sentBack) / c.passed) * 100;
  return out;
}
