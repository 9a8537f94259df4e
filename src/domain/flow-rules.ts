// The rules of flow on the value-stream wall: JKK (100% completion), WIP limits with
// expedite, andon (the line stops), rejection upstream. Pure functions over plain data,
// used by the move/reject services and by the wall to show what a card is missing.

export type CriterionState = { criterionId: string; done: boolean };
export type Criterion = { id: string; text: string };

export type FlowStage = {
  id: string;
  name: string;
  position: number;
  retired: boolean;
  wipLimit: number | null;
  /** items in the stage now (without the one being moved) */
  itemCount: number;
  /** an andon is pulled on this stage, or on an item in it */
  andonOpen: boolean;
  criteria: readonly Criterion[];
};

export type FlowItem = { id: string; stageId: string; version: number; criteria: readonly CriterionState[]; andonOpen: boolean };

export type FlowMove = {
  item: FlowItem;
  expectedVersion: number;
  from: FlowStage;
  to: FlowStage | null;
  expedite?: { reason: string } | null;
  /** a move upstream is a rejection and must say what is wrong */
  rejectReason?: string | null;
  /** "reject": the caller means to send the item back, so a target downstream is refused */
  intent?: "move" | "reject";
  /**
   * The stages in use strictly between `from` and `to` (see `stagesBetween`). Required, so no
   * caller can forget it: a move downstream may not pass one by (SKIP_REFUSED).
   */
  between: readonly { name: string }[];
};

export type FlowRefusal =
  | { code: "VERSION_CONFLICT"; message: string }
  | { code: "STAGE_NOT_FOUND"; message: string }
  | { code: "STAGE_RETIRED"; message: string }
  | { code: "SAME_STAGE"; message: string }
  | { code: "JKK_INCOMPLETE"; message: string; missing: Criterion[] }
  | { code: "WIP_LIMIT"; message: string; limit: number; count: number }
  | { code: "LINE_STOPPED"; message: string }
  | { code: "REJECT_REASON_REQUIRED"; message: string }
  | { code: "NOT_UPSTREAM"; message: string }
  | { code: "SKIP_REFUSED"; message: string; skipped: string[] };

export type FlowDecision =
  | { ok: true; direction: "forward" | "backward"; expedite: boolean; overLimitAfter: boolean }
  | ({ ok: false } & FlowRefusal);

/** The done-criteria of a stage that the item has not met yet. */
export function missingCriteria(criteria: readonly Criterion[], states: readonly CriterionState[]): Criterion[] {
  const done = new Set(states.filter((s) => s.done).map((s) => s.criterionId));
  return criteria.filter((c) => !done.has(c.id));
}

export function decideFlowMove(m: FlowMove): FlowDecision {
  const refuse = (r: FlowRefusal): FlowDecision => ({ ok: false, ...r });
  if (m.item.version !== m.expectedVersion) {
    return refuse({
      code: "VERSION_CONFLICT",
      message: `The item changed since you saw it (version ${m.expectedVersion}, now ${m.item.version}).`,
    });
  }
  if (!m.to) return refuse({ code: "STAGE_NOT_FOUND", message: "The target stage does not belong to this service." });
  if (m.to.retired) return refuse({ code: "STAGE_RETIRED", message: `${m.to.name} is retired.` });
  if (m.to.id === m.from.id) return refuse({ code: "SAME_STAGE", message: `The item is already in ${m.to.name}.` });

  const direction = m.to.position > m.from.position ? "forward" : "backward";
  if (m.intent === "reject" && direction === "forward") {
    return refuse({ code: "NOT_UPSTREAM", message: `A rejection sends an item back upstream; ${m.to.name} is downstream.` });
  }
  if (direction === "backward") {
    // Rejection: the receiving stage sends poor work back; that is always allowed, with a reason.
    if (!m.rejectReason?.trim()) {
      return refuse({ code: "REJECT_REASON_REQUIRED", message: "Sending an item back upstream needs a defect reason." });
    }
    return { ok: true, direction, expedite: false, overLimitAfter: over(m.to) };
  }

  // One stage at a time: a stage passed by would never check its andon, WIP limit, gate or
  // done-criteria (JKK), so a card enters each stage on its way downstream.
  if (m.between.length > 0) {
    const skipped = m.between.map((s) => s.name);
    return refuse({
      code: "SKIP_REFUSED",
      message: `${m.from.name} → ${m.to.name} would skip ${skipped.join(", ")}: a card moves downstream one stage at a time (next: ${skipped[0]}).`,
      skipped,
    });
  }

  // JKK: don't pass poor work downstream.
  const missing = missingCriteria(m.from.criteria, m.item.criteria);
  if (missing.length > 0) {
    return refuse({
      code: "JKK_INCOMPLETE",
      message: `${m.from.name} is not done: ${missing.map((c) => c.text).join("; ")}.`,
      missing,
    });
  }
  // Jidoka: while the andon is pulled on a stage, it accepts nothing new; a card with its own
  // open andon stays where it is until the problem is resolved.
  if (m.to.andonOpen) return refuse({ code: "LINE_STOPPED", message: `The andon is pulled on ${m.to.name}: the line is stopped.` });
  if (m.item.andonOpen) return refuse({ code: "LINE_STOPPED", message: "The andon is pulled on this item: resolve it first." });

  const expedite = !!m.expedite?.reason.trim();
  if (m.to.wipLimit !== null && m.to.itemCount >= m.to.wipLimit && !expedite) {
    return refuse({
      code: "WIP_LIMIT",
      message: `${m.to.name} is at its WIP limit (${m.to.itemCount}/${m.to.wipLimit}). Expedite with a reason, or finish work first.`,
      limit: m.to.wipLimit,
      count: m.to.itemCount,
    });
  }
  return { ok: true, direction, expedite, overLimitAfter: over(m.to) };
}

export type StageRef = { id: string; name: string; position: number; retired: boolean };

/** The stages in use strictly between two positions, in flow order (either direction). */
export function stagesBetween<S extends StageRef>(stages: readonly S[], fromPosition: number, toPosition: number): S[] {
  const lo = Math.min(fromPosition, toPosition);
  const hi = Math.max(fromPosition, toPosition);
  return stages.filter((s) => !s.retired && s.position > lo && s.position < hi).sort((a, b) => a.position - b.position);
}

export type MoveOption<S extends StageRef> = {
  stage: S;
  /** "forward": a move downstream; "backward": a send-back (rejection) that needs a reason. */
  direction: "forward" | "backward";
  allowed: boolean;
  /** why it is not allowed, for the person choosing */
  reason: string | null;
};

/**
 * Where a card in `currentStageId` may go, as the Move menu and a drop see it: the next stage
 * in use downstream, or any stage upstream (a send-back). Stages further downstream are listed
 * with the reason they are refused. Only the structural rule: JKK, WIP, andon and gates are
 * checked by the server when the move is made.
 */
export function moveOptions<S extends StageRef>(stages: readonly S[], currentStageId: string): MoveOption<S>[] {
  const current = stages.find((s) => s.id === currentStageId);
  if (!current) return [];
  return stages
    .filter((s) => !s.retired && s.id !== currentStageId)
    .sort((a, b) => a.position - b.position)
    .map((stage) => {
      if (stage.position < current.position) return { stage, direction: "backward" as const, allowed: true, reason: null };
      const between = stagesBetween(stages, current.position, stage.position);
      return between.length === 0
        ? { stage, direction: "forward" as const, allowed: true, reason: null }
        : { stage, direction: "forward" as const, allowed: false, reason: `skips ${between.map((s) => s.name).join(", ")}` };
    });
}

function over(stage: FlowStage): boolean {
  return stage.wipLimit !== null && stage.itemCount + 1 > stage.wipLimit;
}
