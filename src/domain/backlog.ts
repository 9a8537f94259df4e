// The backlog: every item not yet done, in rank order, and how a reorder picks the new rank.
// "Done" here means the item reached the service's last open stage (end of life by default)
// or was marked done: such an item has left the Service Master's hands.
import { generateKeyBetween } from "fractional-indexing";

export type BacklogStage = { id: string; position: number; retired: boolean };

/** The stage whose items are done: the last stage that is not retired (null: no open stage). */
export function doneStageId(stages: readonly BacklogStage[]): string | null {
  const open = stages.filter((s) => !s.retired).sort((a, b) => a.position - b.position);
  return open.at(-1)?.id ?? null;
}

export function isOnBacklog(item: { stageId: string; doneAt?: Date | string | null }, doneStage: string | null): boolean {
  return !item.doneAt && item.stageId !== doneStage;
}

export type BacklogFilter = { kind?: string; stageId?: string; label?: string; teamId?: string };

export function matchesFilter(
  item: { kind: string; stageId: string; labels: readonly string[]; teamId?: string | null },
  f: BacklogFilter,
): boolean {
  if (f.kind && item.kind !== f.kind) return false;
  if (f.stageId && item.stageId !== f.stageId) return false;
  if (f.label && !item.labels.some((l) => l.toLowerCase() === f.label!.toLowerCase())) return false;
  if (f.teamId && item.teamId !== f.teamId) return false;
  return true;
}

/** Fractional indexes compare as plain strings (not locale-aware): that is their contract. */
export function compareRanks(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type RankedRow = { id: string; rank: string };

export type ReorderPlan =
  | { ok: true; rank: string }
  | { ok: false; code: "NOT_FOUND" | "STALE_NEIGHBOURS"; message: string };

/**
 * Where a moved item goes, decided against the ranks as they are now (every item of the
 * service, done ones included, since they share one rank space). The item lands directly after
 * `afterItemId` — between it and whatever follows it now — or, with only `beforeItemId`, directly
 * before that one. Placing it between two ranks that are adjacent *now* is what keeps ranks
 * unique when several people reorder at once: two moves that saw the same neighbours get two
 * different keys, because the second one sees the first one's key as the new neighbour.
 * If both neighbours are named and the lower one now sits above the upper one, the mover's
 * picture is too old to honour: STALE_NEIGHBOURS.
 */
export function planReorder(rows: readonly RankedRow[], move: { itemId: string; afterItemId: string | null; beforeItemId: string | null }): ReorderPlan {
  const others = rows.filter((r) => r.id !== move.itemId).sort((a, b) => compareRanks(a.rank, b.rank));
  if (others.length === rows.length) return { ok: false, code: "NOT_FOUND", message: "The item is not in this backlog." };
  const indexOf = (id: string | null) => (id === null ? -1 : others.findIndex((r) => r.id === id));
  const after = indexOf(move.afterItemId);
  const before = indexOf(move.beforeItemId);
  if ((move.afterItemId !== null && after < 0) || (move.beforeItemId !== null && before < 0)) {
    return { ok: false, code: "NOT_FOUND", message: "A neighbour named in the move is not in this backlog." };
  }
  if (move.afterItemId !== null) {
    if (move.beforeItemId !== null && before <= after) {
      return { ok: false, code: "STALE_NEIGHBOURS", message: "The backlog changed under you: the two neighbours are no longer in that order." };
    }
    const next = others[after + 1]?.rank ?? null;
    return { ok: true, rank: generateKeyBetween(others[after]!.rank, next) };
  }
  if (move.beforeItemId !== null) {
    const prev = before > 0 ? others[before - 1]!.rank : null;
    return { ok: true, rank: generateKeyBetween(prev, others[before]!.rank) };
  }
  return { ok: false, code: "NOT_FOUND", message: "Name a neighbour for the move." };
}

/** Ranks are valid when no two items share one: the order is then total. */
export function duplicateRanks(rows: readonly RankedRow[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const r of rows) (seen.has(r.rank) ? dup : seen).add(r.rank);
  return [...dup];
}

/**
 * Client side of a drag: the neighbours of the item's new place in the list the person sees.
 * `ids` is the visible order after the drop.
 */
export function neighboursAt(ids: readonly string[], itemId: string): { afterItemId: string | null; beforeItemId: string | null } {
  const i = ids.indexOf(itemId);
  return { afterItemId: i > 0 ? ids[i - 1]! : null, beforeItemId: i >= 0 && i < ids.length - 1 ? ids[i + 1]! : null };
}
