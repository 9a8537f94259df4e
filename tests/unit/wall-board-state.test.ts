import { describe, expect, it } from "vitest";
import type { ObeyaEvent } from "@/lib/events";
import type { TWorkItem } from "@/lib/schemas/item";
import {
  formatAge,
  initialWallState,
  itemsByStage,
  wallReducer,
  type WallStage,
  type WallState,
} from "@/components/wall/wall-state";

const stage = (id: string, position: number): WallStage => ({
  id,
  key: id,
  name: `Stage ${id.toUpperCase()}`,
  position,
  wipLimit: null,
  ageThresholdHours: null,
  retired: false,
});
const STAGES = [stage("a", 0), stage("b", 1), stage("c", 2)];

const item = (id: string, stageId: string, rank: string, version = 1): TWorkItem => ({
  id,
  serviceId: "svc",
  stageId,
  kind: "FEATURE",
  title: `Item ${id}`,
  description: "",
  rank,
  labels: [],
  blockedReason: null,
  businessValue: null,
  costEstimate: null,
  version,
  enteredStageAt: "2026-11-27T00:00:00.000Z",
  createdAt: "2026-11-27T00:00:00.000Z",
});

const moved = (seq: number, itemId: string, from: string, to: string, version: number): ObeyaEvent => ({
  serviceId: "svc",
  seq,
  type: "item.moved",
  actorId: null,
  createdAt: "2026-11-27T01:00:00.000Z",
  payload: { itemId, fromStageId: from, toStageId: to, version, enteredStageAt: "2026-11-27T01:00:00.000Z", msInFromStage: 1 },
});

const titlesIn = (s: WallState, stageId: string) => (itemsByStage(s).get(stageId) ?? []).map((i) => i.id);

describe("wall board state", () => {
  const start = () => initialWallState(STAGES, [item("x", "a", "a1"), item("y", "a", "a0")], 5);

  it("groups items by stage in rank order", () => {
    expect(titlesIn(start(), "a")).toEqual(["y", "x"]);
    expect(titlesIn(start(), "b")).toEqual([]);
  });

  it("applies a live move and a live creation", () => {
    let s = wallReducer(start(), { type: "event", event: moved(6, "x", "a", "c", 2) });
    s = wallReducer(s, {
      type: "event",
      event: { serviceId: "svc", seq: 7, type: "item.created", actorId: null, createdAt: "", payload: { item: item("z", "b", "a2") } },
    });
    expect(titlesIn(s, "c")).toEqual(["x"]);
    expect(titlesIn(s, "b")).toEqual(["z"]);
    expect(s.seq).toBe(7);
  });

  it("shows an optimistic move at once and keeps it when the server confirms", () => {
    let s = wallReducer(start(), { type: "move.start", itemId: "x", toStageId: "b" });
    expect(titlesIn(s, "b")).toEqual(["x"]);
    expect(s.pending.x).toEqual({ toStageId: "b", fromStageId: "a", expectedVersion: 1 });
    // Our own event may arrive before the HTTP answer; neither steps the item back.
    s = wallReducer(s, { type: "event", event: moved(6, "x", "a", "b", 2) });
    s = wallReducer(s, { type: "move.confirmed", item: { ...item("x", "b", "a1", 2) } });
    expect(s.pending).toEqual({});
    expect(titlesIn(s, "b")).toEqual(["x"]);
    expect(s.items.find((i) => i.id === "x")?.version).toBe(2);
  });

  it("rolls a refused move back to where the server says the item is, with a notice", () => {
    let s = wallReducer(start(), { type: "move.start", itemId: "x", toStageId: "b" });
    s = wallReducer(s, { type: "move.failed", itemId: "x", current: item("x", "c", "a1", 2), message: "moved elsewhere" });
    expect(s.pending).toEqual({});
    expect(titlesIn(s, "b")).toEqual([]);
    expect(titlesIn(s, "c")).toEqual(["x"]);
    expect(s.notices).toEqual([{ id: 1, tone: "error", text: "moved elsewhere" }]);
    s = wallReducer(s, { type: "notice.dismiss", id: 1 });
    expect(s.notices).toEqual([]);
  });

  it("ignores an older copy of an item arriving after a newer one", () => {
    let s = wallReducer(start(), { type: "move.confirmed", item: item("x", "c", "a1", 3) });
    s = wallReducer(s, { type: "event", event: moved(6, "x", "a", "b", 2) });
    expect(titlesIn(s, "c")).toEqual(["x"]);
    expect(s.seq).toBe(6);
  });

  it("refuses a second move of the same card while the first is in flight", () => {
    const s = wallReducer(start(), { type: "move.start", itemId: "x", toStageId: "b" });
    expect(wallReducer(s, { type: "move.start", itemId: "x", toStageId: "c" })).toBe(s);
  });

  it("formats ages for a card", () => {
    expect(formatAge(5 * 60_000)).toBe("5m");
    expect(formatAge(3 * 3_600_000)).toBe("3h");
    expect(formatAge(3 * 86_400_000)).toBe("3d");
    expect(formatAge(-1)).toBe("0m");
  });
});
