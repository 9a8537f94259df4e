import { describe, expect, it } from "vitest";
import { decideMove, type MoveCheckInput } from "@/domain/moves";

const base: MoveCheckInput = {
  item: { stageId: "s1", version: 3 },
  expectedVersion: 3,
  fromStage: { id: "s1", retired: false },
  toStage: { id: "s2", retired: false, serviceId: "svc" },
  itemServiceId: "svc",
};

describe("decideMove", () => {
  it("allows a move to another open stage of the same service at the current version", () => {
    expect(decideMove(base)).toEqual({ ok: true });
  });
  it("refuses a stale version first, naming both versions", () => {
    const d = decideMove({ ...base, expectedVersion: 2, toStage: null });
    expect(d).toMatchObject({ ok: false, code: "VERSION_CONFLICT" });
    expect(!d.ok && d.message).toContain("version 2, now 3");
  });
  it("refuses a stage of another service or a missing one", () => {
    expect(decideMove({ ...base, toStage: { id: "x", retired: false, serviceId: "other" } })).toMatchObject({
      code: "STAGE_NOT_FOUND",
    });
    expect(decideMove({ ...base, toStage: null })).toMatchObject({ code: "STAGE_NOT_FOUND" });
  });
  it("refuses a retired stage and the stage the item is in", () => {
    expect(decideMove({ ...base, toStage: { id: "s2", retired: true, serviceId: "svc" } })).toMatchObject({
      code: "STAGE_RETIRED",
    });
    expect(decideMove({ ...base, toStage: { id: "s1", retired: false, serviceId: "svc" } })).toMatchObject({
      code: "SAME_STAGE",
    });
  });
});
