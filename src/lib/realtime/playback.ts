// Wall playback (issue 13.4): the value-stream wall as it was after any event, folded from the
// event log with the one reducer live walls apply events with (applyWallEvent), so a wall
// replayed and a wall watched live cannot disagree. Pure: the server folds from a checkpoint,
// the browser keeps folding while it plays, the tests compare both with the live reducer.
//
// It lives beside the reducer rather than in src/domain: it folds ObeyaEvents (src/lib) and
// the domain imports nothing outward. The problems at a moment come from the domain's one
// visual-control rule (stageProblems), applied to the rebuilt wall.
import { orderStages } from "@/domain/stages";
import { stageProblems, type StageProblem } from "@/domain/visual-control";
import type { EventType, ObeyaEvent } from "@/lib/events";
import type { TWallItem } from "@/lib/schemas/item";
import type { TOpenAndon } from "@/lib/schemas/wall";
import { applyWallEvent, type LiveStage } from "./wall-state";

/** The wall at a moment: what a checkpoint stores and what playback shows. */
export type PlaybackWall = { stages: LiveStage[]; items: TWallItem[]; andons: TOpenAndon[]; seq: number };

/**
 * The same wall while folding: items by id (a Map keeps insertion order, which is the live
 * wall's array order), and which item each open andon is on. Mutated by foldEvent.
 */
export type PlaybackFold = {
  stages: LiveStage[];
  items: Map<string, TWallItem>;
  andons: TOpenAndon[];
  seq: number;
  // An andon id is unique, but a set keeps replay equal to the live wall even if a log says otherwise.
  andonItem: Map<string, Set<string>>;
};

/**
 * Which items an event can change, so the reducer is handed those alone (a 5,000-item wall
 * copied for each of thousands of events would be too slow): "none" for events that touch no
 * item, a function naming the item, "andon" for a release (the items carrying that andon).
 * A Record over every event type, so a new type does not build until it says which it is.
 */
type Focus = "none" | "andon" | ((e: ObeyaEvent) => string | null);
const byItemId = (e: ObeyaEvent) => (e.payload as { itemId?: string | null }).itemId ?? null;
const byItem = (e: ObeyaEvent) => (e.payload as { item: { id: string } }).item.id;

const FOCUS: Record<EventType, Focus> = {
  "item.created": byItem,
  "item.updated": byItem,
  "item.moved": byItemId,
  "item.rejected": byItemId,
  "item.blocked": byItemId,
  "item.unblocked": byItemId,
  "item.criteria.checked": byItemId,
  "item.reordered": byItemId,
  "item.commented": byItemId,
  "andon.pulled": byItemId,
  "andon.released": "andon",
  "story.created": byItemId,
  "story.updated": byItemId,
  "service.created": "none",
  "backlog.imported": "none",
  "service.levels.set": "none",
  "serviceLevel.breached": "none",
  "mri.updated": "none",
  "cost.recorded": "none",
  "mri.required.set": "none",
  "mri.reviewed": "none",
  "mri.removed": "none",
  "serviceLevel.created": "none",
  "serviceLevel.breach.resolved": "none",
  "availability.recorded": "none",
  "recovery.objectives.set": "none",
  "recoveryTest.recorded": "none",
  "service.endOfLife.decided": "none",
  "problem.opened": "none",
  "problem.updated": "none",
  "problem.pdca.moved": "none",
  "stage.added": "none",
  "stage.updated": "none",
  "stages.reordered": "none",
  "kaizen.proposed": "none",
  "kaizen.answered": "none",
  "rfc.raised": "none",
  "rfc.approval.recorded": "none",
  "rfc.decided": "none",
  "gate.criterion.added": "none",
  "release.created": "none",
  "release.updated": "none",
  "release.items.changed": "none",
  "release.decided": "none",
  "deployment.reported": "none",
  "incident.opened": "none",
  "incident.resolved": "none",
  "weekly.decision.recorded": "none",
  "weekly.action.recorded": "none",
  "weekly.action.updated": "none",
};

/** The wall before the first event: the service's first stages, no items, no andons. */
export function emptyWall(stages: LiveStage[]): PlaybackWall {
  return { stages: orderStages(stages.map((s) => ({ ...s, rejections: s.rejections ?? { sent: 0, received: 0 } }))), items: [], andons: [], seq: 0 };
}

export function startFold(wall: PlaybackWall): PlaybackFold {
  const items = new Map(wall.items.map((i) => [i.id, i]));
  const andonItem = new Map<string, Set<string>>();
  for (const i of wall.items) if (i.andon) carry(andonItem, i.andon.id, i.id);
  return { stages: wall.stages, items, andons: wall.andons, seq: wall.seq, andonItem };
}

/** Applies one event (in seq order) with the live reducer, handed only the items it can change. */
export function foldEvent(fold: PlaybackFold, event: ObeyaEvent): void {
  const focus: Focus | undefined = FOCUS[event.type];
  let ids: string[];
  if (focus === undefined) ids = [...fold.items.keys()]; // a type from a newer server: the whole wall (safe, slower)
  else if (focus === "none") ids = [];
  else if (focus === "andon") {
    ids = [...(fold.andonItem.get((event.payload as { andonId: string }).andonId) ?? [])];
  } else {
    const id = focus(event);
    ids = id ? [id] : [];
  }
  const part = { stages: fold.stages, andons: fold.andons, seq: fold.seq, items: ids.flatMap((id) => fold.items.get(id) ?? []) };
  const next = applyWallEvent(part, event);
  fold.stages = next.stages;
  fold.andons = next.andons;
  fold.seq = next.seq;
  for (const item of next.items as TWallItem[]) {
    const before = fold.items.get(item.id);
    if (before?.andon && before.andon.id !== item.andon?.id) fold.andonItem.get(before.andon.id)?.delete(item.id);
    if (item.andon) carry(fold.andonItem, item.andon.id, item.id);
    fold.items.set(item.id, item);
  }
}

function carry(andonItem: Map<string, Set<string>>, andonId: string, itemId: string): void {
  const items = andonItem.get(andonId);
  if (items) items.add(itemId);
  else andonItem.set(andonId, new Set([itemId]));
}

export function foldedWall(fold: PlaybackFold): PlaybackWall {
  return { stages: fold.stages, items: [...fold.items.values()], andons: fold.andons, seq: fold.seq };
}

/** The wall after `events` (ascending seq, all after start.seq) have happened to `start`. */
export function replayWall(start: PlaybackWall, events: Iterable<ObeyaEvent>): PlaybackWall {
  const fold = startFold(start);
  for (const e of events) foldEvent(fold, e);
  return foldedWall(fold);
}

/**
 * Every stage's problems on the rebuilt wall at `at`, by the domain's one rule, as the live wall
 * computes them in the browser (wallHealth): items where they are, andons on their stage. The
 * problems only the server sees from other walls' data (tests, RfCs, NO-GO, SLA, Kaizen) are not
 * replayed: their data is not in the wall's events.
 */
export function playbackProblems(wall: PlaybackWall, at: Date): { stageId: string; stageName: string; problems: StageProblem[] }[] {
  const byStage = new Map<string, TWallItem[]>(wall.stages.map((s) => [s.id, []]));
  for (const i of wall.items) byStage.get(i.stageId)?.push(i);
  // In rank order, as a column shows them (the problems list their items in that order).
  for (const list of byStage.values()) list.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : 1));
  return wall.stages.map((stage) => ({
    stageId: stage.id,
    stageName: stage.name,
    problems: stageProblems({
      stage,
      items: (byStage.get(stage.id) ?? []).map((i) => ({
        id: i.id,
        title: i.title,
        blockedReason: i.blockedReason,
        enteredStageAt: i.enteredStageAt,
        expediteReason: i.expedite?.reason ?? null,
        sentBackReason: i.sentBack?.reason ?? null,
      })),
      openAndons: wall.andons.filter((a) => a.stageId === stage.id).map((a) => ({ reason: a.reason, itemId: a.itemId, problemId: a.problemId })),
      now: at,
    }),
  }));
}
