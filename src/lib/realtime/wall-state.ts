// Applies a service's events to a wall snapshot: the one reducer shared by the browser wall,
// the TV wall and the tests, so "what an event means for the wall" is written once.
// Items always; the stages, rejection counts and open andons too when the state carries them
// (a minimal state with only items and seq stays valid: those parts are left alone).
import { orderStages } from "@/domain/stages";
import type { ObeyaEvent } from "@/lib/events";
import type { TWallItem, TWorkItem } from "@/lib/schemas/item";
import type { TConfiguredStage } from "@/lib/schemas/stage";
import type { TOpenAndon } from "@/lib/schemas/wall";

export type WallItems = { items: TWorkItem[]; seq: number };

/** A stage as a live wall keeps it: configuration plus the rejections counted on it. */
export type LiveStage = {
  id: string;
  key: string;
  name: string;
  position: number;
  wipLimit: number | null;
  ageThresholdHours: number | null;
  retired: boolean;
  version?: number;
  doneCriteria?: { id: string; text: string }[];
  rejections?: { sent: number; received: number };
};

/** The optional parts of a richer wall state that applyWallEvent keeps current when present. */
export type LiveWallParts = { stages?: LiveStage[]; andons?: TOpenAndon[] };

/** What the wall shows of a card beyond the item (the snapshot's WallItem): defaults for a new one. */
export function asWallItem(item: TWorkItem & Partial<TWallItem>): TWallItem {
  return {
    ...item,
    expedite: item.expedite ?? null,
    rejectionCount: item.rejectionCount ?? 0,
    sentBack: item.sentBack ?? null,
    doneCriterionIds: item.doneCriterionIds ?? [],
    andon: item.andon ?? null,
  };
}

type AnyItem = TWorkItem & Partial<TWallItem>;

function mapItem<I extends AnyItem>(items: I[], itemId: string, change: (item: I) => I): I[] {
  const i = items.findIndex((x) => x.id === itemId);
  if (i < 0) return items;
  return items.with(i, change(items[i]!));
}

function fromConfigured(stage: TConfiguredStage, old: LiveStage | undefined): LiveStage {
  return { ...old, ...stage, rejections: old?.rejections ?? { sent: 0, received: 0 } };
}

function countRejection(stages: LiveStage[], fromStageId: string, toStageId: string): LiveStage[] {
  return stages.map((s) => {
    if (s.id !== fromStageId && s.id !== toStageId) return s;
    const r = s.rejections ?? { sent: 0, received: 0 };
    return { ...s, rejections: { sent: r.sent + (s.id === fromStageId ? 1 : 0), received: r.received + (s.id === toStageId ? 1 : 0) } };
  });
}

/** Returns a new state with `event` applied (the input is not mutated); other types only advance seq. */
export function applyWallEvent<S extends WallItems>(state: S, event: ObeyaEvent): S {
  return apply(state as unknown as WallItems & LiveWallParts & { items: AnyItem[] }, event) as unknown as S;
}

function apply<S extends LiveWallParts & { items: AnyItem[]; seq: number }>(state: S, event: ObeyaEvent): S {
  // Items keep whatever wall fields the state's items carry; new fields are written only where
  // the snapshot has them too, so a plain TWorkItem list stays a plain list for its readers.
  const s = state;
  const next: S = { ...s, seq: event.seq };
  switch (event.type) {
    case "item.created": {
      if (s.items.some((i) => i.id === event.payload.item.id)) return next;
      return { ...next, items: [...s.items, asWallItem(event.payload.item)] };
    }
    case "item.moved": {
      const p = event.payload;
      return {
        ...next,
        // A newer copy (a move's own answer, arrived first) is never stepped back.
        items: mapItem(s.items, p.itemId, (i) => (i.version >= p.version ? i : {
          ...i,
          stageId: p.toStageId,
          version: p.version,
          enteredStageAt: p.enteredStageAt,
          expedite: p.expedite ?? null,
          sentBack: null,
          doneCriterionIds: p.doneCriterionIds ?? [],
        })),
      };
    }
    case "item.rejected": {
      const p = event.payload;
      return {
        ...next,
        items: mapItem(s.items, p.itemId, (i) => (i.version >= p.version ? i : {
          ...i,
          stageId: p.toStageId,
          version: p.version,
          enteredStageAt: p.enteredStageAt,
          expedite: null,
          rejectionCount: p.rejectionCount,
          sentBack: { reason: p.reason, fromStageId: p.fromStageId },
          doneCriterionIds: p.doneCriterionIds,
        })),
        // Counted from events only (each once, in seq order), never from an answer.
        ...(s.stages ? { stages: countRejection(s.stages, p.fromStageId, p.toStageId) } : {}),
      };
    }
    case "item.updated": {
      const updated = event.payload.item;
      // Wall-only fields (expedite, andon, criteria…) are not in the payload: keep ours.
      return { ...next, items: mapItem(s.items, updated.id, (i) => (i.version > updated.version ? i : { ...i, ...updated })) };
    }
    case "item.blocked": {
      const p = event.payload;
      return { ...next, items: mapItem(s.items, p.itemId, (i) => ({ ...i, blockedReason: p.reason, version: Math.max(i.version, p.version) })) };
    }
    case "item.unblocked": {
      const p = event.payload;
      return { ...next, items: mapItem(s.items, p.itemId, (i) => ({ ...i, blockedReason: null, version: Math.max(i.version, p.version) })) };
    }
    case "item.criteria.checked": {
      const p = event.payload;
      return {
        ...next,
        items: mapItem(s.items, p.itemId, (i) => {
          // A tick of another stage's criteria (the item has moved on since) is not shown.
          if (i.stageId !== p.stageId) return i;
          const rest = (i.doneCriterionIds ?? []).filter((c) => !p.criterionIds.includes(c));
          return { ...i, doneCriterionIds: p.done ? [...rest, ...p.criterionIds] : rest };
        }),
      };
    }
    case "item.reordered": {
      const p = event.payload;
      return { ...next, items: mapItem(s.items, p.itemId, (i) => ({ ...i, rank: p.rank })) };
    }
    case "andon.pulled": {
      const p = event.payload;
      const andon: TOpenAndon = {
        id: p.andonId,
        stageId: p.stageId,
        itemId: p.itemId,
        reason: p.reason,
        pulledById: event.actorId,
        // The name comes with the next snapshot (the wall refetches it on andon events).
        pulledByName: null,
        pulledAt: event.createdAt,
        problemId: p.problemId ?? null,
      };
      const items = p.itemId
        ? mapItem(s.items, p.itemId, (i) => ({ ...i, andon: { id: p.andonId, reason: p.reason, pulledAt: event.createdAt } }))
        : s.items;
      const andons = s.andons && !s.andons.some((a) => a.id === p.andonId) ? [...s.andons, andon] : s.andons;
      return { ...next, items, ...(andons ? { andons } : {}) };
    }
    case "andon.released": {
      const p = event.payload;
      const items = s.items.some((i) => i.andon?.id === p.andonId)
        ? s.items.map((i) => (i.andon?.id === p.andonId ? { ...i, andon: null } : i))
        : s.items;
      return { ...next, items, ...(s.andons ? { andons: s.andons.filter((a) => a.id !== p.andonId) } : {}) };
    }
    case "stage.added":
    case "stage.updated": {
      if (!s.stages) return next;
      const stage = event.payload.stage;
      const old = s.stages.find((x) => x.id === stage.id);
      const stages = old ? s.stages.map((x) => (x.id === stage.id ? fromConfigured(stage, x) : x)) : [...s.stages, fromConfigured(stage, undefined)];
      return { ...next, stages: orderStages(stages) };
    }
    case "stages.reordered": {
      if (!s.stages) return next;
      const order = new Map(event.payload.stageIds.map((id, i) => [id, i]));
      const stages = s.stages.map((x) => (order.has(x.id) ? { ...x, position: order.get(x.id)! } : x));
      return { ...next, stages: orderStages(stages) };
    }
    default:
      return next;
  }
}
