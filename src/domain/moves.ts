// May this item move to that stage? One pure rule used by the service and by the wall.

export type MoveCheckInput = {
  item: { stageId: string; version: number };
  expectedVersion: number;
  fromStage: { id: string; retired: boolean };
  toStage: { id: string; retired: boolean; serviceId: string } | null;
  itemServiceId: string;
};

export type MoveDecision =
  | { ok: true }
  | { ok: false; code: "VERSION_CONFLICT" | "STAGE_NOT_FOUND" | "STAGE_RETIRED" | "SAME_STAGE"; message: string };

export function decideMove(input: MoveCheckInput): MoveDecision {
  if (input.item.version !== input.expectedVersion) {
    return {
      ok: false,
      code: "VERSION_CONFLICT",
      message: `The item changed since you saw it (version ${input.expectedVersion}, now ${input.item.version}).`,
    };
  }
  if (!input.toStage || input.toStage.serviceId !== input.itemServiceId) {
    return { ok: false, code: "STAGE_NOT_FOUND", message: "The target stage does not belong to this service." };
  }
  if (input.toStage.retired) {
    return { ok: false, code: "STAGE_RETIRED", message: "The target stage is retired." };
  }
  if (input.toStage.id === input.item.stageId) {
    return { ok: false, code: "SAME_STAGE", message: "The item is already in that stage." };
  }
  return { ok: true };
}
