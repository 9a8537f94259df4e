import { describe, expect, it } from "vitest";
import { backlogReducer, initialBacklogState } from "@/components/backlog/backlog-state";
import type { ObeyaEvent } from "@/lib/events";
import type { TBacklog, TBacklogItem } from "@/lib/schemas/backlog";
import { ranksAfter } from "@/domain/ranks";

const ranks = ranksAfter(null, 5);
const item = (n: number): TBacklogItem => ({
  id: `i${n}`,
  serviceId: "s",
  stageId: "st1",
  kind: "FEATURE",
  title: `Item ${n}`,
  description: "",
  rank: ranks[n - 1]!,
  labels: [],
  blockedReason: null,
  businessValue: null,
  costEstimate: null,
  version: 1,
  enteredStageAt: "2026-11-27T00:00:00.000Z",
  createdAt: "2026-11-27T00:00:00.000Z",
  teamId: null,
  stories: { user: 0, test: 0, operations: 0, failingTests: 0 },
});
const backlog: TBacklog = {
  service: { id: "s", key: "s", name: "S", teamId: "t" },
  stages: [],
  teams: [],
  doneStageId: "done",
  items: [1, 2, 3, 4, 5].map(item),
  seq: 10,
};
const titles = (s: ReturnType<typeof initialBacklogState>) => s.items.map((i) => i.id);
let seq = 10;
const ev = <T extends ObeyaEvent["type"]>(type: T, payload: Extract<ObeyaEvent, { type: T }>["payload"]) =>
  ({ type, payload, seq: ++seq, serviceId: "s", actorId: null, createdAt: "" }) as ObeyaEvent;

describe("backlog reducer", () => {
  it("applies another person's reorder from its event", () => {
    const s0 = initialBacklogState(backlog);
    const s1 = backlogReducer(s0, { type: "event", event: ev("item.reordered", { itemId: "i5", rank: "a", afterItemId: null, beforeItemId: "i1" }) });
    expect(titles(s1)).toEqual(["i5", "i1", "i2", "i3", "i4"]);
  });
  it("moves an item at once on drop, and puts it back with a notice when the server refuses", () => {
    const s0 = initialBacklogState(backlog);
    const s1 = backlogReducer(s0, { type: "reorder.start", move: { itemId: "i5", afterItemId: null, beforeItemId: "i1" } });
    expect(titles(s1)).toEqual(["i5", "i1", "i2", "i3", "i4"]);
    expect(s1.pending.i5).toBeDefined();
    const s2 = backlogReducer(s1, { type: "reorder.failed", itemId: "i5", message: "not allowed" });
    expect(titles(s2)).toEqual(["i1", "i2", "i3", "i4", "i5"]);
    expect(s2.notices.map((n) => n.text)).toEqual(["not allowed"]);
  });
  it("takes the server's rank on confirmation", () => {
    const s1 = backlogReducer(initialBacklogState(backlog), { type: "reorder.start", move: { itemId: "i1", afterItemId: "i3", beforeItemId: "i4" } });
    const s2 = backlogReducer(s1, { type: "reorder.confirmed", itemId: "i1", rank: `${ranks[2]}V` });
    expect(titles(s2)).toEqual(["i2", "i3", "i1", "i4", "i5"]);
    expect(s2.pending).toEqual({});
  });
  it("adds created items by rank, drops items that reach the done stage, counts stories", () => {
    let s = initialBacklogState(backlog);
    s = backlogReducer(s, { type: "event", event: ev("item.created", { item: { ...item(9), rank: "Zz" } }) });
    expect(titles(s)[0]).toBe("i9");
    s = backlogReducer(s, {
      type: "event",
      event: ev("item.moved", { itemId: "i2", fromStageId: "st1", toStageId: "done", version: 2, enteredStageAt: "", msInFromStage: 0 }),
    });
    expect(titles(s)).not.toContain("i2");
    const counts = { user: 1, test: 1, operations: 0, failingTests: 2 };
    s = backlogReducer(s, { type: "event", event: ev("story.updated", { itemId: "i3", storyId: "x", version: 2, testCaseIds: [], counts }) });
    expect(s.items.find((i) => i.id === "i3")!.stories).toEqual(counts);
    expect(s.seq).toBe(seq);
  });
});
