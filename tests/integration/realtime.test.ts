// Live events end to end: a real HTTP server with the realtime hub, real socket.io-client
// connections, real database; moves go through the real service layer.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { Server } from "socket.io";
import { io as connectClient } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/domain/permissions";
import type { ObeyaEvent } from "@/lib/events";
import { SOCKET_PATH, type WallJoinReply } from "@/lib/realtime/protocol";
import { WallFeed, type WallFeedStatus, type WallSocket } from "@/lib/realtime/wall-feed";
import { applyWallEvent } from "@/lib/realtime/wall-state";
import { hashToken } from "@/server/auth/request-actor";
import { db } from "@/server/db";
import { authSecret } from "@/server/env";
import { signalAccessChanged } from "@/server/realtime/access-signals";
import { attachRealtime, closeRealtime, type RealtimeServer } from "@/server/realtime/hub";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { createService } from "@/server/services/services/create-service";
import { getWallSnapshot, type WallSnapshot } from "@/server/services/walls/get-wall-snapshot";
import { makeTeam, makeUser, uid } from "../support/factories";

const REPLAY_LIMIT = 25;
const REDIS_URL = "redis://127.0.0.1:6379";

type Started = { http: HttpServer; io: RealtimeServer; url: string };
const started: Started[] = [];
const sockets: WallSocket[] = [];
const feeds: WallFeed[] = [];

async function startHub(options: Parameters<typeof attachRealtime>[1]): Promise<Started> {
  const http = createServer();
  const io = await attachRealtime(http, options);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const s = { http, io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
  started.push(s);
  return s;
}

/** The cookie next-auth sets at sign-in, minted with the same secret and claims. */
async function sessionCookie(userId: string, sessionVersion = 0): Promise<string> {
  const jwt = await encode({ token: { sub: userId, uid: userId, sv: sessionVersion }, secret: authSecret() });
  return `next-auth.session-token=${jwt}`;
}

function connect(
  url: string,
  opts: { cookie?: string; origin?: string; token?: string; transports?: ("websocket" | "polling")[] } = {},
): WallSocket {
  const extraHeaders: Record<string, string> = {};
  if (opts.cookie) extraHeaders.cookie = opts.cookie;
  if (opts.origin) extraHeaders.origin = opts.origin;
  const socket: WallSocket = connectClient(url, {
    path: SOCKET_PATH,
    transports: opts.transports ?? ["websocket"],
    extraHeaders,
    auth: opts.token ? { token: opts.token } : {},
    forceNew: true,
    autoConnect: false,
    reconnectionDelay: 20,
    reconnectionDelayMax: 100,
  });
  sockets.push(socket);
  return socket;
}

function connected(socket: WallSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
    socket.connect();
  });
}

function refusal(socket: WallSocket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => reject(new Error("connected, but should have been refused")));
    socket.once("connect_error", (err) => resolve(err.message));
    socket.connect();
  });
}

function join(socket: WallSocket, serviceId: string, afterSeq: number): Promise<WallJoinReply> {
  return socket.timeout(10_000).emitWithAck("wall:join", { serviceId, afterSeq });
}

/** A wall as the browser keeps it: a snapshot with every event applied through a WallFeed. */
function watchWall(socket: WallSocket, snapshot: WallSnapshot) {
  const wall = {
    state: snapshot as WallSnapshot,
    received: [] as ObeyaEvent[],
    statuses: [] as WallFeedStatus[],
    reloads: [] as number[],
    errors: [] as string[],
    feed: null as unknown as WallFeed,
  };
  wall.feed = new WallFeed({
    socket,
    serviceId: snapshot.service.id,
    seq: snapshot.seq,
    onEvent: (e) => {
      wall.received.push(e);
      wall.state = applyWallEvent(wall.state, e);
    },
    onStatus: (s) => wall.statuses.push(s),
    onReload: (lastSeq) => wall.reloads.push(lastSeq),
    onError: (e) => wall.errors.push(e.code),
  });
  feeds.push(wall.feed);
  return wall;
}

function stageOf(state: WallSnapshot): Record<string, string> {
  return Object.fromEntries(state.items.map((i) => [i.id, i.stageId]));
}

async function lastSeqOf(serviceId: string): Promise<number> {
  return (await db.service.findUniqueOrThrow({ where: { id: serviceId }, select: { lastSeq: true } })).lastSeq;
}

const until = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 10 });

let hub: Started;
let teamId: string;
let master: { user: { id: string }; actor: Actor };
let dev: { user: { id: string }; actor: Actor };

// Twelve stages without done-criteria or WIP limits: these tests move items freely downstream
// to produce events; the rules of flow are tested in tests/integration/flow.test.ts.
const OPEN_STAGES = Array.from({ length: 12 }, (_, i) => ({ key: `s${i}`, name: `Stage ${i}` }));

async function newService(items = 5) {
  const s = await createService(master.actor, { teamId, key: `rt-${uid()}`, name: "Web conversion", stages: OPEN_STAGES });
  const created = [];
  for (let i = 0; i < items; i++) created.push(await createItem(master.actor, s.id, { title: `Item ${i}` }));
  return { ...s, items: created };
}

/** `n` moves through the service layer, round-robin over the items, each to the stage after its current one. */
async function makeMoves(service: Awaited<ReturnType<typeof newService>>, n: number) {
  const current = new Map(
    (await db.workItem.findMany({ where: { serviceId: service.id }, select: { id: true, version: true, stageId: true } })).map(
      (c) => [c.id, c],
    ),
  );
  for (let k = 0; k < n; k++) {
    const item = current.get(service.items[k % service.items.length]!.id)!;
    const next = service.stageIds[(service.stageIds.indexOf(item.stageId) + 1) % service.stageIds.length]!;
    const moved = await moveItem(master.actor, item.id, { toStageId: next, expectedVersion: item.version });
    current.set(item.id, { id: item.id, version: moved.version, stageId: moved.stageId });
  }
}

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = await makeUser({ teamId, roles: ["SERVICE_MASTER"] });
  dev = await makeUser({ teamId, roles: ["DEVELOPER"] });
  hub = await startHub({ redisUrl: null, replayLimit: REPLAY_LIMIT });
});

afterEach(() => {
  for (const f of feeds.splice(0)) f.stop();
  for (const s of sockets.splice(0)) s.disconnect();
});

afterAll(async () => {
  for (const s of started) await closeRealtime(s.io);
});

describe("live events", () => {
  it("a move by one user reaches the other user's wall", async () => {
    const service = await newService();
    const a = watchWall(connect(hub.url, { cookie: await sessionCookie(master.user.id) }), await getWallSnapshot(master.actor, service.id));
    const b = watchWall(
      connect(hub.url, { cookie: await sessionCookie(dev.user.id), transports: ["polling", "websocket"] }),
      await getWallSnapshot(dev.actor, service.id),
    );
    a.feed.start();
    b.feed.start();
    await until(() => expect([a.feed.status, b.feed.status]).toEqual(["live", "live"]));

    const item = service.items[0]!;
    await moveItem(master.actor, item.id, { toStageId: service.stageIds[1]!, expectedVersion: 1 });

    await until(() => expect(b.received).toHaveLength(1));
    expect(b.received[0]).toMatchObject({
      serviceId: service.id,
      type: "item.moved",
      seq: b.state.seq,
      payload: { itemId: item.id, toStageId: service.stageIds[1], version: 2 },
    });
    expect(stageOf(b.state)[item.id]).toBe(service.stageIds[1]);
    await until(() => expect(a.received).toHaveLength(1));
    expect(a.state.seq).toBe(await lastSeqOf(service.id));
  });

  it("a client that disconnects, misses 20 events and reconnects ends in exactly the state of one that never left", async () => {
    const service = await newService();
    const snapshot = await getWallSnapshot(master.actor, service.id);
    const stayer = watchWall(connect(hub.url, { cookie: await sessionCookie(master.user.id) }), snapshot);
    const leaverSocket = connect(hub.url, { cookie: await sessionCookie(dev.user.id) });
    const leaver = watchWall(leaverSocket, snapshot);
    stayer.feed.start();
    leaver.feed.start();
    await until(() => expect([stayer.feed.status, leaver.feed.status]).toEqual(["live", "live"]));

    await makeMoves(service, 2);
    await until(() => expect(leaver.received).toHaveLength(2));

    leaverSocket.disconnect();
    expect(leaver.feed.status).toBe("disconnected");
    await makeMoves(service, 20);
    const finalSeq = await lastSeqOf(service.id);
    await until(() => expect(stayer.feed.lastSeq).toBe(finalSeq));
    expect(leaver.received).toHaveLength(2);

    leaverSocket.connect();
    await until(() => expect(leaver.feed.lastSeq).toBe(finalSeq));
    expect(leaver.feed.status).toBe("live");
    expect(leaver.received.map((e) => e.seq)).toEqual(stayer.received.map((e) => e.seq));
    expect(leaver.received).toHaveLength(22);
    expect(leaver.state.seq).toBe(stayer.state.seq);
    expect(stageOf(leaver.state)).toEqual(stageOf(stayer.state));
    // ...and both agree with the database.
    expect(stageOf(leaver.state)).toEqual(stageOf(await getWallSnapshot(master.actor, service.id)));
    expect(leaver.state.items.map((i) => i.version)).toEqual(stayer.state.items.map((i) => i.version));
  });

  it("catches up after the connection drops on its own and Socket.IO reconnects", async () => {
    const service = await newService();
    const socket = connect(hub.url, { cookie: await sessionCookie(dev.user.id) });
    const wall = watchWall(socket, await getWallSnapshot(dev.actor, service.id));
    wall.feed.start();
    await until(() => expect(wall.feed.status).toBe("live"));
    // Cut the transport under the client, as a network drop would; Socket.IO then retries.
    socket.io.engine.close();
    await makeMoves(service, 8);
    const finalSeq = await lastSeqOf(service.id);
    await until(() => expect(wall.feed.lastSeq).toBe(finalSeq));
    expect(wall.statuses).toContain("reconnecting");
    expect(stageOf(wall.state)).toEqual(stageOf(await getWallSnapshot(dev.actor, service.id)));
  });

  it("too far behind: the join answers reload; after a fresh snapshot the wall continues live", async () => {
    const service = await newService();
    const stale = await getWallSnapshot(dev.actor, service.id);
    await makeMoves(service, REPLAY_LIMIT + 5);
    const lastSeq = await lastSeqOf(service.id);

    const socket = connect(hub.url, { cookie: await sessionCookie(dev.user.id) });
    await connected(socket);
    expect(await join(socket, service.id, stale.seq)).toEqual({ reload: true, lastSeq });
    // A seq from the future (another database, a reset) is not trusted either.
    expect(await join(socket, service.id, lastSeq + 10)).toEqual({ reload: true, lastSeq });
    // Just within the limit it replays, in order.
    const reply = await join(socket, service.id, lastSeq - REPLAY_LIMIT);
    expect("events" in reply && reply.events.map((e) => e.seq)).toEqual(
      Array.from({ length: REPLAY_LIMIT }, (_, i) => lastSeq - REPLAY_LIMIT + 1 + i),
    );

    const wall = watchWall(socket, stale);
    wall.feed.start();
    await until(() => expect(wall.reloads).toEqual([lastSeq]));
    expect(wall.feed.status).toBe("reload");
    expect(wall.received).toHaveLength(0);
    const fresh = await getWallSnapshot(dev.actor, service.id);
    wall.state = fresh;
    wall.feed.resync(fresh.seq);
    await until(() => expect(wall.feed.status).toBe("live"));
    await makeMoves(service, 1);
    await until(() => expect(wall.feed.lastSeq).toBe(lastSeq + 1));
    expect(stageOf(wall.state)).toEqual(stageOf(await getWallSnapshot(dev.actor, service.id)));
  });
});

describe("who may connect and what they may see", () => {
  it("refuses a handshake without a session, with a forged one, or with a session signed out everywhere", async () => {
    expect(await refusal(connect(hub.url))).toBe("unauthenticated");
    expect(await refusal(connect(hub.url, { cookie: "next-auth.session-token=not-a-jwt" }))).toBe("unauthenticated");
    const forged = await encode({ token: { uid: master.user.id, sv: 0 }, secret: "another-secret-of-sufficient-length" });
    expect(await refusal(connect(hub.url, { cookie: `next-auth.session-token=${forged}` }))).toBe("unauthenticated");

    const user = await makeUser({ teamId });
    const cookie = await sessionCookie(user.user.id);
    await connected(connect(hub.url, { cookie }));
    await db.user.update({ where: { id: user.user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await refusal(connect(hub.url, { cookie }))).toBe("unauthenticated");
  });

  it("refuses a foreign Origin and accepts the server's own and the allowed ones", async () => {
    const cookie = await sessionCookie(dev.user.id);
    expect(await refusal(connect(hub.url, { cookie, origin: "https://evil.example" }))).toBe("origin not allowed");
    expect(await refusal(connect(hub.url, { cookie, origin: "null" }))).toBe("origin not allowed");
    await connected(connect(hub.url, { cookie, origin: hub.url }));
    // ALLOWED_ORIGINS is unset in tests: the defaults are localhost and 127.0.0.1 on PORT.
    await connected(connect(hub.url, { cookie, origin: "http://localhost:3000" }));
  });

  it("answers NOT_FOUND for another team's service (or a bad id) and relays none of its events", async () => {
    const ours = await newService();
    const otherTeam = (await makeTeam()).id;
    const stranger = await makeUser({ teamId: otherTeam, roles: ["SERVICE_MASTER"] });
    const theirs = await createService(stranger.actor, { teamId: otherTeam, key: `rt-${uid()}`, name: "Theirs", stages: OPEN_STAGES });
    const theirItem = await createItem(stranger.actor, theirs.id, { title: "Secret" });

    const socket = connect(hub.url, { cookie: await sessionCookie(dev.user.id) });
    const seen: ObeyaEvent[] = [];
    socket.on("event", (e) => seen.push(e));
    await connected(socket);
    expect(await join(socket, theirs.id, 0)).toEqual({ error: { code: "NOT_FOUND", message: "Service not found." } });
    expect(await join(socket, "no-such-service", 0)).toMatchObject({ error: { code: "NOT_FOUND" } });
    expect(await join(socket, "", -1)).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    expect(await join(socket, ours.id, await lastSeqOf(ours.id))).toEqual({ events: [], lastSeq: await lastSeqOf(ours.id) });

    await moveItem(stranger.actor, theirItem.id, { toStageId: theirs.stageIds[1]!, expectedVersion: 1 });
    await moveItem(master.actor, ours.items[0]!.id, { toStageId: ours.stageIds[1]!, expectedVersion: 1 });
    // One connection delivers in emit order: once our later event is here, theirs would be too.
    await until(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toMatchObject({ serviceId: ours.id, type: "item.moved" });
  });

  it("a wall-display token sees its own service only", async () => {
    const service = await newService(1);
    const other = await newService(1);
    const secret = `oby_w_${uid()}${uid()}`;
    await db.accessToken.create({
      data: { kind: "WALL", serviceId: service.id, name: "TV", tokenHash: hashToken(secret), scopes: ["service.view"] },
    });
    const socket = connect(hub.url, { token: secret });
    await connected(socket);
    expect(await join(socket, other.id, 0)).toMatchObject({ error: { code: "NOT_FOUND" } });
    const reply = await join(socket, service.id, 0);
    expect("events" in reply && reply.events.map((e) => e.type)).toEqual(["service.created", "item.created"]);
    expect(await refusal(connect(hub.url, { token: "oby_w_unknown" }))).toBe("unauthenticated");
  });

  it("cuts a user's sockets when their access changes; the wall reconnects and re-checks", async () => {
    const user = await makeUser({ teamId, roles: ["DEVELOPER"] });
    const service = await newService(1);
    const socket = connect(hub.url, { cookie: await sessionCookie(user.user.id) });
    const wall = watchWall(socket, await getWallSnapshot(user.actor, service.id));
    wall.feed.start();
    await until(() => expect(wall.feed.status).toBe("live"));

    const disconnects: string[] = [];
    socket.on("disconnect", (reason) => disconnects.push(reason));
    signalAccessChanged({ userId: user.user.id });
    await until(() => expect(disconnects).toEqual(["io server disconnect"]));
    // Still allowed: the feed reconnects by itself and is live again.
    await until(() => expect(wall.feed.status).toBe("live"));

    // Removed from the team: the signal cuts the socket; the session stays valid but the join now fails.
    await db.membership.deleteMany({ where: { userId: user.user.id } });
    signalAccessChanged({ userId: user.user.id });
    await until(() => expect(disconnects).toHaveLength(2));
    await until(() => expect(wall.errors).toEqual(["NOT_FOUND"]));
    expect(wall.feed.status).toBe("refused");
  });
});

describe("a server in trouble", () => {
  it("a server restart: the wall reconnects by itself and catches up with what was committed meanwhile", async () => {
    const first = await startHub({ redisUrl: null, replayLimit: REPLAY_LIMIT });
    const port = (first.http.address() as AddressInfo).port;
    const service = await newService();
    const wall = watchWall(connect(first.url, { cookie: await sessionCookie(dev.user.id) }), await getWallSnapshot(dev.actor, service.id));
    wall.feed.start();
    await until(() => expect(wall.feed.status).toBe("live"));

    // The process goes away (its sockets with it); work goes on in the database meanwhile.
    await closeRealtime(first.io);
    await until(() => expect(wall.feed.status).toBe("reconnecting"));
    await makeMoves(service, 4);
    const finalSeq = await lastSeqOf(service.id);

    // A new process on the same address: no reload, the feed re-joins and replays.
    const http = createServer();
    const io = await attachRealtime(http, { redisUrl: null, replayLimit: REPLAY_LIMIT });
    started.push({ http, io, url: first.url });
    await new Promise<void>((resolve) => http.listen(port, "127.0.0.1", resolve));
    await until(() => expect(wall.feed.lastSeq).toBe(finalSeq));
    expect(wall.feed.status).toBe("live");
    expect(wall.reloads).toEqual([]);
    expect(stageOf(wall.state)).toEqual(stageOf(await getWallSnapshot(dev.actor, service.id)));
  });

  it("a handshake the server could not check (unavailable) is retried with backoff until it succeeds", async () => {
    // A bare Socket.IO server refusing like the hub does when its database is down, twice.
    const http = createServer();
    const io = new Server(http, { path: SOCKET_PATH });
    let attempts = 0;
    io.use((_socket, next) => (++attempts <= 2 ? next(Object.assign(new Error("unavailable"), { data: { code: "unavailable" } })) : next()));
    io.on("connection", (socket) => socket.on("wall:join", (_req: unknown, ack: (r: WallJoinReply) => void) => ack({ events: [], lastSeq: 0 })));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    try {
      const socket = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`);
      const statuses: WallFeedStatus[] = [];
      const feed = new WallFeed({ socket, serviceId: "s", seq: 0, onEvent: () => {}, onStatus: (st) => statuses.push(st), serverDisconnectRetryMs: 20 });
      feeds.push(feed);
      feed.start();
      await until(() => expect(feed.status).toBe("live"));
      expect(attempts).toBe(3);
      expect(statuses).toContain("reconnecting");
      expect(statuses).not.toContain("refused");
    } finally {
      await io.close();
    }
  });
});

describe("several instances", () => {
  it("fans out through Redis: a move committed on one instance reaches a watcher on another", async () => {
    // `writer` relays this process's committed events; `reader` relays none itself, so
    // its client can only hear the move through Redis.
    const writer = await startHub({ redisUrl: REDIS_URL, replayLimit: REPLAY_LIMIT });
    const reader = await startHub({ redisUrl: REDIS_URL, replayLimit: REPLAY_LIMIT, relayCommittedEvents: false });
    const service = await newService();
    const wall = watchWall(connect(reader.url, { cookie: await sessionCookie(dev.user.id) }), await getWallSnapshot(dev.actor, service.id));
    wall.feed.start();
    await until(() => expect(wall.feed.status).toBe("live"));

    await makeMoves(service, 3);
    await until(() => expect(wall.received).toHaveLength(3));
    expect(stageOf(wall.state)).toEqual(stageOf(await getWallSnapshot(dev.actor, service.id)));
    expect(writer.io.of("/").sockets.size).toBe(0);
  });
});
