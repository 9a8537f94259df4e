import "server-only";
import type { Actor } from "@/domain/permissions";
import type { StageChangeContext } from "@/domain/stage-change";
import type { Tx } from "@/server/db";
import { releaseGateGuard } from "./move-guards/release-gate";

// Extension point for rules that need more than the item and its two stages (which the pure
// rule in src/domain/flow-rules.ts decides on). moveItem and rejectItem run every guard, in
// order, inside their transaction and after the pure rule said yes; the first refusal wins and
// answers 422 with `details.rule` (plus the refusal's details). A guard only reads: it must
// not write, so a refused move leaves nothing behind.

export type MoveGuardInput = {
  actor: Actor;
  /** "forward" is a move downstream (moveItem); "backward" a rejection upstream (rejectItem). */
  direction: "forward" | "backward";
  item: { id: string; serviceId: string; stageId: string; releaseId: string | null; kind: string; version: number };
  fromStage: { id: string; key: string; name: string; position: number };
  toStage: { id: string; key: string; name: string; position: number };
};

/** What the guards see of a stage change the plan accepted (src/domain/stage-change.ts). */
export function moveGuardInput(actor: Actor, ctx: StageChangeContext, direction: MoveGuardInput["direction"]): MoveGuardInput {
  const { item, from } = ctx;
  const to = ctx.to!;
  return {
    actor,
    direction,
    item: { id: item.id, serviceId: item.serviceId, stageId: item.stageId, releaseId: item.releaseId, kind: item.kind, version: item.version },
    fromStage: { id: from.id, key: from.key, name: from.name, position: from.position },
    toStage: { id: to.id, key: to.key, name: to.name, position: to.position },
  };
}

export type Refusal = { rule: string; message: string; details?: Record<string, unknown> };

/**
 * `appliesTo` says, from the input alone, whether `check` must run: moves no guard applies to
 * may take the synchronous SQLite path (change-stage-sqlite.ts), which runs no guard.
 */
export type MoveGuard = {
  appliesTo: (input: MoveGuardInput) => boolean;
  check: (tx: Tx, input: MoveGuardInput) => Promise<Refusal | null>;
};

/**
 * The guards, in the order they run. Add one by appending it here, e.g. the release gate:
 * "items of a release whose latest decision is not GO cannot enter the Deployment stage".
 */
export const MOVE_GUARDS: MoveGuard[] = [releaseGateGuard];

export async function runMoveGuards(tx: Tx, input: MoveGuardInput, guards: readonly MoveGuard[] = MOVE_GUARDS) {
  for (const guard of guards) {
    if (!guard.appliesTo(input)) continue;
    const refusal = await guard.check(tx, input);
    if (refusal) return refusal;
  }
  return null;
}

export function anyMoveGuardApplies(input: MoveGuardInput, guards: readonly MoveGuard[] = MOVE_GUARDS): boolean {
  return guards.some((g) => g.appliesTo(input));
}
