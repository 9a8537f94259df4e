// Pure logic of the value-stream board: what a refused move means for the person who made it,
// which column the keyboard moves a card to, how cards group into swimlanes, and how far a card
// is through its stage's done-criteria. No React, no DOM: unit-tested in tests/unit/wall-board.test.ts.
import { stagesBetween, type StageRef } from "@/domain/flow-rules";
import type { ItemKind, TWallItem, TWorkItem } from "@/lib/schemas/item";

// ---------------------------------------------------------------- the card as the board reads it

/**
 * The wall's state holds the snapshot's cards (TWallItem) and items from live events (TWorkItem):
 * the flow fields may be absent on the latter, so the board reads them as optional.
 */
export type BoardItem = TWorkItem & Partial<Pick<TWallItem, "expedite" | "doneCriterionIds" | "andon" | "sentBack" | "rejectionCount">>;

export type Criterion = { id: string; text: string };

export type CriteriaProgress = { done: number; total: number; missing: Criterion[] };

/** The item's progress through the done-criteria (JKK) of the stage it is in. */
export function criteriaProgress(criteria: readonly Criterion[] | undefined, item: BoardItem): CriteriaProgress {
  const all = criteria ?? [];
  const met = new Set(item.doneCriterionIds ?? []);
  const missing = all.filter((c) => !met.has(c.id));
  return { done: all.length - missing.length, total: all.length, missing };
}

// ---------------------------------------------------------------- refused moves

type ErrorLike = { error?: { code?: string; message?: string; details?: unknown } } | null;

export type MoveRefusal =
  | { kind: "conflict"; current: TWorkItem | null; message: string }
  | { kind: "jkk"; missing: Criterion[]; message: string }
  | { kind: "wip"; limit: number; count: number; message: string }
  | { kind: "line-stopped"; message: string }
  | { kind: "reject-reason"; message: string }
  | { kind: "rule"; rule: string; message: string }
  | { kind: "permission"; message: string }
  | { kind: "signed-out"; message: string }
  | { kind: "gone"; message: string }
  | { kind: "other"; status: number; message: string };

function isCriterion(x: unknown): x is Criterion {
  return typeof x === "object" && x !== null && typeof (x as Criterion).id === "string" && typeof (x as Criterion).text === "string";
}

/** Reads an error answer of POST /items/{id}/move or /reject into what went wrong. */
export function readRefusal(status: number, body: ErrorLike): MoveRefusal {
  const message = body?.error?.message ?? "";
  const details = (body?.error?.details ?? {}) as Record<string, unknown>;
  if (status === 409) return { kind: "conflict", current: (details.current as TWorkItem | null | undefined) ?? null, message };
  if (status === 401) return { kind: "signed-out", message };
  if (status === 403) return { kind: "permission", message };
  if (status === 404) return { kind: "gone", message };
  if (status === 422) {
    const rule = typeof details.rule === "string" ? details.rule : "";
    if (rule === "JKK_INCOMPLETE") {
      const missing = Array.isArray(details.missing) ? details.missing.filter(isCriterion) : [];
      return { kind: "jkk", missing, message };
    }
    if (rule === "WIP_LIMIT" && typeof details.limit === "number" && typeof details.count === "number") {
      return { kind: "wip", limit: details.limit, count: details.count, message };
    }
    if (rule === "LINE_STOPPED") return { kind: "line-stopped", message };
    if (rule === "REJECT_REASON_REQUIRED") return { kind: "reject-reason", message };
    return { kind: "rule", rule, message };
  }
  return { kind: "other", status, message };
}

const RULE_NAMES: Record<string, string> = {
  STAGE_RETIRED: "retired stage",
  STAGE_NOT_FOUND: "unknown stage",
  SAME_STAGE: "same stage",
  NOT_UPSTREAM: "rejections go upstream",
  SKIP_REFUSED: "one stage at a time",
};

/**
 * The notice for a move downstream that would pass stages by (the domain's rule, as the server
 * decides it), or null when the move may be sent: the next stage, or any stage upstream.
 */
export function skipNotice(stages: readonly StageRef[], item: { title: string; stageId: string }, to: StageRef): string | null {
  const from = stages.find((s) => s.id === item.stageId);
  if (!from || to.position <= from.position) return null;
  const skipped = stagesBetween(stages, from.position, to.position);
  if (skipped.length === 0) return null;
  return `“${item.title}” cannot go from ${from.name} to ${to.name}: it would skip ${skipped.map((s) => s.name).join(", ")}. A card moves downstream one stage at a time, so each stage checks its own done-criteria, andon and gate.`;
}

/**
 * The notice shown when a move is refused and rolled back: it names the card, and says where
 * it went (conflict), which rule refused it (and for JKK every missing criterion), or that the
 * person may not move it.
 */
export function refusalNotice(
  refusal: MoveRefusal,
  ctx: { title: string; fromStage: string; toStage: string; itemAndon?: boolean; stageName: (id: string) => string },
): string {
  const t = `“${ctx.title}”`;
  switch (refusal.kind) {
    case "conflict":
      return refusal.current
        ? `${t} was moved by someone else before your move: it is now in ${ctx.stageName(refusal.current.stageId)}. Your move was not applied.`
        : `${t} changed before your move. Your move was not applied.`;
    case "jkk":
      return refusal.missing.length > 0
        ? `${t} cannot leave ${ctx.fromStage} (JKK: 100% done first). Missing: ${refusal.missing.map((c) => c.text).join("; ")}.`
        : `${t} cannot leave ${ctx.fromStage}: ${refusal.message || "its done-criteria are not met."}`;
    case "wip":
      return `${t} did not move: ${ctx.toStage} is at its WIP limit (${refusal.count}/${refusal.limit}).`;
    case "line-stopped":
      return ctx.itemAndon
        ? `${t} cannot move: the andon is pulled on this card. Release it first.`
        : `${t} cannot move: the line is stopped at ${ctx.toStage} (andon pulled). It accepts no new items until the andon is released.`;
    case "reject-reason":
      return `${t} did not move back to ${ctx.toStage}: sending an item upstream needs a defect reason.`;
    case "rule":
      return `${t} cannot move to ${ctx.toStage}${refusal.rule ? ` (rule ${RULE_NAMES[refusal.rule] ?? refusal.rule})` : ""}: ${refusal.message || "a rule forbids it."}`;
    case "permission":
      return `You may not move ${t}: ${refusal.message || "your role does not allow it."}`;
    case "signed-out":
      return "Your session has ended. Sign in again to move items.";
    case "gone":
      return `${t} no longer exists.`;
    case "other":
      return `${t} could not be moved (${refusal.message || `error ${refusal.status}`}). Your move was undone.`;
  }
}

// ---------------------------------------------------------------- keyboard moves between columns

export type ColumnBox = { id: string; left: number; width: number };

/**
 * The column an arrow key moves a card to: the next one to the right or left of `currentId`
 * (by position on screen, so a reordered wall behaves as it looks), or null at either end.
 */
export function adjacentColumn(columns: readonly ColumnBox[], currentId: string | null, direction: "left" | "right"): ColumnBox | null {
  const sorted = [...columns].sort((a, b) => a.left - b.left);
  const i = currentId === null ? -1 : sorted.findIndex((c) => c.id === currentId);
  if (i < 0) return null;
  const j = direction === "right" ? i + 1 : i - 1;
  return sorted[j] ?? null;
}

/** The horizontal shift that centres a dragged box of `dragLeft`/`dragWidth` over `target`. */
export function shiftToCentre(target: ColumnBox, dragLeft: number, dragWidth: number): number {
  return target.left + target.width / 2 - (dragLeft + dragWidth / 2);
}

// ---------------------------------------------------------------- swimlanes

export type LaneMode = "none" | "kind";
export const KIND_ORDER: readonly ItemKind[] = ["FEATURE", "RFC", "MAINTENANCE", "DEFECT", "IMPROVEMENT"];
export const KIND_LABEL: Record<ItemKind, string> = {
  FEATURE: "Feature",
  RFC: "RfC",
  MAINTENANCE: "Maintenance",
  DEFECT: "Defect",
  IMPROVEMENT: "Improvement",
};

export type Lane = { key: string; label: string };

/** The lanes of a wall: one per kind, always all five so rows line up the same on every wall. */
export function lanesFor(mode: LaneMode): Lane[] {
  if (mode === "none") return [{ key: "all", label: "All items" }];
  return KIND_ORDER.map((k) => ({ key: k, label: KIND_LABEL[k] }));
}

/** Splits one column's items (already in rank order) into lanes, keeping their order. */
export function groupByLane<T extends { kind: ItemKind }>(items: readonly T[], mode: LaneMode): Map<string, T[]> {
  const lanes = new Map<string, T[]>(lanesFor(mode).map((l) => [l.key, []]));
  for (const item of items) lanes.get(mode === "none" ? "all" : item.kind)?.push(item);
  return lanes;
}

export function parseLaneMode(stored: string | null | undefined): LaneMode {
  return stored === "kind" ? "kind" : "none";
}
