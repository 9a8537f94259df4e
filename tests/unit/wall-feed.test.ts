import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ObeyaEvent } from "@/lib/events";
import type { WallJoinReply, WallJoinRequest } from "@/lib/realtime/protocol";
import { EventSequencer, WallFeed, type WallFeedStatus, type WallSocket } from "@/lib/realtime/wall-feed";
import { applyWallEvent } from "@/lib/realtime/wall-state";
import type { TWorkItem } from "@/lib/schemas/item";

const SERVICE = "svc1";

function moved(seq: number, itemId = "i1", toStageId = `s${seq}`, serviceId = SERVICE): ObeyaEvent {
  return {
    serviceId,
    seq,
    type: "item.moved",
    actorId: "u1",
    createdAt: "2026-11-27T05:00:00.000Z",
    payload: { itemId, fromStageId: "s0", toStageId, version: seq + 1, enteredStageAt: "2026-11-27T05:00:00.000Z", msInFromStage: 1 },
  };
}

describe("EventSequencer", () => {
  it("releases in-order events one by one", () => {
    const s = new EventSequencer(10);
    expect(s.offer(moved(11)).map((e) => e.seq)).toEqual([11]);
    expect(s.offer(moved(12)).map((e) => e.seq)).toEqual([12]);
    expect(s.lastApplied).toBe(12);
    expect(s.hasGap).toBe(false);
  });

  it("holds a later event until the gap before it is filled, then releases the run in order", () => {
    const s = new EventSequencer(0);
    expect(s.offer(moved(3))).toEqual([]);
    expect(s.offer(moved(2))).toEqual([]);
    expect(s.hasGap).toBe(true);
    expect(s.offer(moved(1)).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(s.hasGap).toBe(false);
    expect(s.lastApplied).toBe(3);
  });

  it("drops duplicates, whether already applied or already waiting", () => {
    const s = new EventSequencer(5);
    expect(s.offer(moved(5))).toEqual([]);
    expect(s.offer(moved(4))).toEqual([]);
    expect(s.offer(moved(7))).toEqual([]);
    expect(s.offer(moved(7))).toEqual([]);
    expect(s.offer(moved(6)).map((e) => e.seq)).toEqual([6, 7]);
    expect(s.offer(moved(6))).toEqual([]);
  });

  it("reset starts from a fresh snapshot's seq and forgets what was waiting", () => {
    const s = new EventSequencer(0);
    s.offer(moved(5));
    s.offer(moved(10));
    s.reset(8);
    expect(s.lastApplied).toBe(8);
    expect(s.hasGap).toBe(false);
    expect(s.offer(moved(5))).toEqual([]);
    expect(s.offer(moved(9)).map((e) => e.seq)).toEqual([9]);
  });
});

describe("applyWallEvent", () => {
  const item: TWorkItem = {
    id: "i1",
    serviceId: SERVICE,
    stageId: "s0",
    kind: "FEATURE",
    title: "T",
    description: "",
    rank: "a0",
    labels: [],
    blockedReason: null,
    businessValue: null,
    costEstimate: null,
    version: 1,
    enteredStageAt: "2026-11-27T04:00:00.000Z",
    createdAt: "2026-11-27T04:00:00.000Z",
  };

  it("moves the item to the event's stage with its new version, without mutating the input", () => {
    const state = { items: [item], seq: 1 };
    const next = applyWallEvent(state, moved(2, "i1", "s5"));
    expect(next.items[0]).toMatchObject({ id: "i1", stageId: "s5", version: 3 });
    expect(next.seq).toBe(2);
    expect(state.items[0]!.stageId).toBe("s0");
  });

  it("adds a created item once", () => {
    const created: ObeyaEvent = { ...moved(2), type: "item.created", payload: { item: { ...item, id: "i2" } } };
    const once = applyWallEvent({ items: [item], seq: 1 }, created);
    expect(applyWallEvent(once, created).items.map((i) => i.id)).toEqual(["i1", "i2"]);
  });
});

/** A stand-in for a connected socket.io-client Socket: records joins, lets the test answer them. */
class FakeSocket extends EventEmitter {
  connected = true;
  active = true;
  joins: Array<{ req: WallJoinRequest; answer: (reply: WallJoinReply) => void }> = [];
  leaves: string[] = [];

  timeout() {
    return this;
  }

  override emit(name: string, ...args: unknown[]): boolean {
    if (name === "wall:join") {
      const [req, ack] = args as [WallJoinRequest, (err: Error | null, reply: WallJoinReply) => void];
      this.joins.push({ req, answer: (reply) => ack(null, reply) });
      return true;
    }
    if (name === "wall:leave") {
      this.leaves.push((args[0] as { serviceId: string }).serviceId);
      return true;
    }
    return super.emit(name, ...args);
  }

  /** What the server sends. */
  push(event: ObeyaEvent) {
    super.emit("event", event);
  }

  connect() {
    this.connected = true;
    super.emit("connect");
  }

  drop() {
    this.connected = false;
    super.emit("disconnect", "transport close");
  }
}

function startFeed(seq = 0) {
  const socket = new FakeSocket();
  const applied: number[] = [];
  const statuses: WallFeedStatus[] = [];
  const reloads: number[] = [];
  const feed = new WallFeed({
    socket: socket as unknown as WallSocket,
    serviceId: SERVICE,
    seq,
    onEvent: (e) => applied.push(e.seq),
    onStatus: (s) => statuses.push(s),
    onReload: (lastSeq) => reloads.push(lastSeq),
  }).start();
  return { socket, feed, applied, statuses, reloads };
}

describe("WallFeed", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("joins with the snapshot's seq and applies the replay, then live events, in order", () => {
    const { socket, feed, applied, statuses } = startFeed(4);
    expect(socket.joins.map((j) => j.req)).toEqual([{ serviceId: SERVICE, afterSeq: 4 }]);
    socket.push(moved(7)); // live event racing ahead of the replay
    socket.joins[0]!.answer({ events: [moved(5), moved(6)], lastSeq: 6 });
    socket.push(moved(6)); // duplicate of the replay
    socket.push(moved(8));
    expect(applied).toEqual([5, 6, 7, 8]);
    expect(feed.lastSeq).toBe(8);
    expect(statuses).toEqual(["joining", "live"]);
  });

  it("ignores events of other services", () => {
    const { socket, applied } = startFeed(0);
    socket.joins[0]!.answer({ events: [], lastSeq: 0 });
    socket.push(moved(1, "x", "s1", "other-service"));
    expect(applied).toEqual([]);
  });

  it("re-asks from the last applied seq when a gap persists, and not when it closes in time", () => {
    const { socket, applied } = startFeed(0);
    socket.joins[0]!.answer({ events: [], lastSeq: 0 });
    socket.push(moved(2));
    vi.advanceTimersByTime(100);
    socket.push(moved(1)); // arrived late but in time
    vi.advanceTimersByTime(1000);
    expect(socket.joins).toHaveLength(1);
    expect(applied).toEqual([1, 2]);

    socket.push(moved(4)); // 3 is lost
    vi.advanceTimersByTime(1000);
    expect(socket.joins).toHaveLength(2);
    expect(socket.joins[1]!.req).toEqual({ serviceId: SERVICE, afterSeq: 2 });
    socket.joins[1]!.answer({ events: [moved(3), moved(4)], lastSeq: 4 });
    expect(applied).toEqual([1, 2, 3, 4]);
  });

  it("re-joins after a reconnect with the last applied seq", () => {
    const { socket, applied, statuses } = startFeed(0);
    socket.joins[0]!.answer({ events: [moved(1)], lastSeq: 1 });
    socket.drop();
    socket.connect();
    expect(socket.joins[1]!.req).toEqual({ serviceId: SERVICE, afterSeq: 1 });
    socket.joins[1]!.answer({ events: [moved(2), moved(3)], lastSeq: 3 });
    expect(applied).toEqual([1, 2, 3]);
    expect(statuses).toEqual(["joining", "live", "reconnecting", "joining", "live"]);
  });

  it("asks for a reload when too far behind, drops live events until resync, then continues from the new seq", () => {
    const { socket, feed, applied, statuses, reloads } = startFeed(0);
    socket.joins[0]!.answer({ reload: true, lastSeq: 5000 });
    expect(reloads).toEqual([5000]);
    expect(statuses.at(-1)).toBe("reload");
    socket.push(moved(5001));
    expect(applied).toEqual([]);
    feed.resync(5000);
    expect(socket.joins[1]!.req).toEqual({ serviceId: SERVICE, afterSeq: 5000 });
    socket.joins[1]!.answer({ events: [moved(5001)], lastSeq: 5001 });
    expect(applied).toEqual([5001]);
    expect(statuses.at(-1)).toBe("live");
  });

  it("asks again when the server fails a join, rather than giving up", () => {
    const { socket, feed, applied } = startFeed(0);
    socket.joins[0]!.answer({ error: { code: "INTERNAL", message: "Could not join the wall." } });
    expect(feed.status).toBe("joining");
    vi.advanceTimersByTime(2000);
    expect(socket.joins).toHaveLength(2);
    socket.joins[1]!.answer({ events: [moved(1)], lastSeq: 1 });
    expect(applied).toEqual([1]);
    expect(feed.status).toBe("live");
  });

  it("reports a refused join and leaves the room on stop", () => {
    const errors: string[] = [];
    const socket = new FakeSocket();
    const feed = new WallFeed({
      socket: socket as unknown as WallSocket,
      serviceId: SERVICE,
      seq: 0,
      onEvent: () => {},
      onError: (e) => errors.push(e.code),
    }).start();
    socket.joins[0]!.answer({ error: { code: "NOT_FOUND", message: "Service not found." } });
    expect(feed.status).toBe("refused");
    expect(errors).toEqual(["NOT_FOUND"]);
    feed.stop();
    expect(socket.leaves).toEqual([SERVICE]);
    expect(feed.status).toBe("stopped");
  });
});
