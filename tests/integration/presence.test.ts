// Presence end to end: a real HTTP server with the realtime hub, real socket.io-client
// connections authenticated like browsers (session cookie) and TVs (wall-display token), real
// database. Who watches a wall reaches that wall's room, and nobody else.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connectClient } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/domain/permissions";
import { SOCKET_PATH, type WallPresence } from "@/lib/realtime/protocol";
import { WallFeed, type WallSocket } from "@/lib/realtime/wall-feed";
import { attachRealtime, closeRealtime, type RealtimeServer } from "@/server/realtime/hub";
import { summarizePresence } from "@/server/realtime/presence";
import { createService } from "@/server/services/services/create-service";
import { createAccessToken } from "@/server/services/tokens/create-access-token";
import { makeTeam, makeUser, uid } from "../support/factories";
import { sessionCookie } from "../support/session";

const REDIS_URL = "redis://127.0.0.1:6379";
// The promise to people: a leave shows on the others' walls within a second.
const WITHIN_1S = { timeout: 1_000, interval: 10 };
const until = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 10 });

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

/** A wall tab: a socket, a feed on one service, and every presence picture it was sent. */
function openWall(url: string, serviceId: string, auth: { cookie?: string; token?: string }) {
  const socket: WallSocket = connectClient(url, {
    path: SOCKET_PATH,
    transports: ["websocket"],
    extraHeaders: auth.cookie ? { cookie: auth.cookie } : {},
    auth: auth.token ? { token: auth.token } : {},
    forceNew: true,
    autoConnect: false,
    reconnectionDelay: 20,
    reconnectionDelayMax: 100,
  });
  sockets.push(socket);
  const tab = { socket, raw: [] as WallPresence[], latest: null as WallPresence | null, feed: null as unknown as WallFeed };
  // Every message on the wire, whatever its service (the feed would filter foreign ones out).
  socket.on("presence", (p) => tab.raw.push(p));
  tab.feed = new WallFeed({ socket, serviceId, seq: 0, onEvent: () => {}, onPresence: (p) => (tab.latest = p) });
  feeds.push(tab.feed);
  tab.feed.start();
  return tab;
}

const names = (p: WallPresence | null) => p?.viewers.map((v) => v.name) ?? [];

let hub: Started;
let teamId: string;
let ada: { user: { id: string; name: string }; actor: Actor };
let bob: { user: { id: string; name: string }; actor: Actor };

async function newService(owner: Actor = ada.actor, team = teamId) {
  return createService(owner, { teamId: team, key: `pr-${uid()}`, name: "Presence" });
}

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  ada = await makeUser({ teamId, roles: ["SERVICE_MASTER"] });
  bob = await makeUser({ teamId, roles: ["DEVELOPER"] });
  hub = await startHub({ redisUrl: null });
});

afterEach(() => {
  for (const f of feeds.splice(0)) f.stop();
  for (const s of sockets.splice(0)) s.disconnect();
});

afterAll(async () => {
  for (const s of started) await closeRealtime(s.io);
});

describe("presence on one instance", () => {
  it("two people join: both are told both; a second tab counts once; a leave reaches the other within a second", async () => {
    const service = await newService();
    const a = openWall(hub.url, service.id, { cookie: await sessionCookie(ada.user.id) });
    const b = openWall(hub.url, service.id, { cookie: await sessionCookie(bob.user.id) });
    const both = [ada.user.name, bob.user.name].sort((x, y) => x.localeCompare(y, "en"));
    await until(() => expect(names(a.latest)).toEqual(both));
    await until(() => expect(names(b.latest)).toEqual(both));
    expect(b.latest).toMatchObject({ serviceId: service.id, people: 2, displays: 0 });

    // Ada opens a second tab: still two people, Ada with two connections.
    const a2 = openWall(hub.url, service.id, { cookie: await sessionCookie(ada.user.id) });
    await until(() => expect(b.latest?.viewers.find((v) => v.userId === ada.user.id)?.count).toBe(2));
    expect(b.latest?.people).toBe(2);
    expect(names(a2.latest)).toEqual(both);

    // Ada closes both tabs: Bob's wall shows only Bob, within a second of the last close.
    a.socket.disconnect();
    await until(() => expect(b.latest?.viewers.find((v) => v.userId === ada.user.id)?.count).toBe(1));
    a2.socket.disconnect();
    await vi.waitFor(() => expect(names(b.latest)).toEqual([bob.user.name]), WITHIN_1S);
    expect(b.latest).toMatchObject({ people: 1, displays: 0 });
  });

  it("leaving the wall (wall:leave) without disconnecting is a leave too", async () => {
    const service = await newService();
    const a = openWall(hub.url, service.id, { cookie: await sessionCookie(ada.user.id) });
    const b = openWall(hub.url, service.id, { cookie: await sessionCookie(bob.user.id) });
    await until(() => expect(a.latest?.people).toBe(2));
    b.feed.stop();
    await vi.waitFor(() => expect(names(a.latest)).toEqual([ada.user.name]), WITHIN_1S);
    expect(b.socket.connected).toBe(true);
  });

  it("a wall-display token counts as a TV display, not as a person", async () => {
    const service = await newService();
    const { secret } = await createAccessToken(ada.actor, service.id, { kind: "WALL", name: "Office TV" });
    const a = openWall(hub.url, service.id, { cookie: await sessionCookie(ada.user.id) });
    const tv = openWall(hub.url, service.id, { token: secret });
    await until(() => expect(a.latest).toMatchObject({ people: 1, displays: 1 }));
    expect(names(a.latest)).toEqual([ada.user.name]);
    await until(() => expect(tv.latest).toMatchObject({ people: 1, displays: 1 }));
    tv.socket.disconnect();
    await vi.waitFor(() => expect(a.latest).toMatchObject({ people: 1, displays: 0 }), WITHIN_1S);
  });

  it("a user of another team never receives the wall's presence, and is not listed on it", async () => {
    const ours = await newService();
    const otherTeam = (await makeTeam()).id;
    const stranger = await makeUser({ teamId: otherTeam, roles: ["SERVICE_MASTER"] });
    const theirs = await newService(stranger.actor, otherTeam);
    const strangerCookie = await sessionCookie(stranger.user.id);

    // The stranger watches their own wall and tries ours on another tab (refused: NOT_FOUND).
    const own = openWall(hub.url, theirs.id, { cookie: strangerCookie });
    const prying = openWall(hub.url, ours.id, { cookie: strangerCookie });
    const a = openWall(hub.url, ours.id, { cookie: await sessionCookie(ada.user.id) });
    const b = openWall(hub.url, ours.id, { cookie: await sessionCookie(bob.user.id) });
    await until(() => expect(a.latest?.people).toBe(2));
    await until(() => expect(prying.feed.status).toBe("refused"));
    await until(() => expect(own.latest?.people).toBe(1));
    // Join and leave once more so any leak would have had its chance, then wait out a window.
    b.socket.disconnect();
    await until(() => expect(a.latest?.people).toBe(1));
    await new Promise((r) => setTimeout(r, 400));

    expect(own.raw.length).toBeGreaterThan(0);
    expect(own.raw.every((p) => p.serviceId === theirs.id)).toBe(true);
    expect(prying.raw).toEqual([]);
    expect(names(a.latest)).toEqual([ada.user.name]);
    expect(a.raw.flatMap((p) => p.viewers.map((v) => v.userId))).not.toContain(stranger.user.id);
  });

  it("joins and leaves close together are coalesced into few messages", async () => {
    const service = await newService();
    const a = openWall(hub.url, service.id, { cookie: await sessionCookie(ada.user.id) });
    await until(() => expect(a.latest?.people).toBe(1));
    const before = a.raw.length;
    const cookie = await sessionCookie(bob.user.id);
    const burst = Array.from({ length: 8 }, () => openWall(hub.url, service.id, { cookie }));
    await until(() => expect(a.latest?.viewers.find((v) => v.userId === bob.user.id)?.count).toBe(8));
    // Eight joins within a few hundred ms: a handful of pictures, not one per join.
    expect(a.raw.length - before).toBeLessThanOrEqual(4);
    for (const t of burst) t.socket.disconnect();
    await vi.waitFor(() => expect(a.latest?.people).toBe(1), WITHIN_1S);
  });
});

describe("presence across instances", () => {
  it("with the Redis adapter, people on two instances see each other", async () => {
    const one = await startHub({ redisUrl: REDIS_URL });
    const two = await startHub({ redisUrl: REDIS_URL });
    const service = await newService();
    const a = openWall(one.url, service.id, { cookie: await sessionCookie(ada.user.id) });
    const b = openWall(two.url, service.id, { cookie: await sessionCookie(bob.user.id) });
    await until(() => expect(a.latest?.people).toBe(2));
    await until(() => expect(b.latest?.people).toBe(2));
    b.socket.disconnect();
    await vi.waitFor(() => expect(names(a.latest)).toEqual([ada.user.name]), WITHIN_1S);
  });
});

describe("summarizePresence", () => {
  it("dedups people, counts display tokens apart, ignores API tokens, sorts by name and caps the list", () => {
    const user = (id: string, name: string): Actor => ({ kind: "user", userId: id, name, isAdmin: false, memberships: [] });
    const tv = (id: string, display: boolean): Actor => ({ kind: "token", tokenId: id, serviceId: "s", display, scopes: [] });
    const p = summarizePresence("s", [user("2", "Bob"), user("1", "Ada"), user("2", "Bob"), tv("t", true), tv("t", true), tv("api", false)], 7);
    expect(p).toEqual({
      serviceId: "s",
      viewers: [
        { userId: "1", name: "Ada", count: 1 },
        { userId: "2", name: "Bob", count: 2 },
      ],
      people: 2,
      displays: 2,
      at: 7,
    });
    const many = summarizePresence("s", Array.from({ length: 30 }, (_, i) => user(`u${i}`, `P${String(i).padStart(2, "0")}`)), 1);
    expect(many.people).toBe(30);
    expect(many.viewers).toHaveLength(24);
    expect(many.viewers[0]!.name).toBe("P00");
  });
});
