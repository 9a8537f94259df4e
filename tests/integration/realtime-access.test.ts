// Access changes made through the real identity services reach open sockets within 5 seconds:
// a role change, a removal from the team, a disabled user, a revoked wall token. Real HTTP server
// with the realtime hub, real socket.io-client connections, real database.
// (tests/integration/realtime.test.ts covers handshakes, origins, foreign rooms and a raw signal.)
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connectClient } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/domain/permissions";
import { SOCKET_PATH, type WallJoinReply } from "@/lib/realtime/protocol";
import { WallFeed, type WallSocket } from "@/lib/realtime/wall-feed";
import { attachRealtime, closeRealtime, type RealtimeServer } from "@/server/realtime/hub";
import { createItem } from "@/server/services/items/create-item";
import { createService } from "@/server/services/services/create-service";
import { setMemberRoles } from "@/server/services/teams/set-member-roles";
import { createAccessToken } from "@/server/services/tokens/create-access-token";
import { revokeAccessToken } from "@/server/services/tokens/revoke-access-token";
import { setUserDisabled } from "@/server/services/users/set-user-disabled";
import { makeTeam, makeUser, uid } from "../support/factories";
import { sessionCookie } from "../support/session";

// The promise: access changes take effect on open sockets within 5 seconds.
const WITHIN_5S = { timeout: 5_000, interval: 10 };
const until = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 10 });

let http: HttpServer;
let hub: RealtimeServer;
let url: string;
let admin: Actor;
let master: Actor;
let teamId: string;
const sockets: WallSocket[] = [];
const feeds: WallFeed[] = [];

function connect(opts: { cookie?: string; token?: string }): WallSocket {
  const socket: WallSocket = connectClient(url, {
    path: SOCKET_PATH,
    transports: ["websocket"],
    extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
    auth: opts.token ? { token: opts.token } : {},
    forceNew: true,
    autoConnect: false,
    reconnectionDelay: 20,
    reconnectionDelayMax: 100,
  });
  sockets.push(socket);
  return socket;
}

function watch(socket: WallSocket, serviceId: string, seq: number) {
  const errors: string[] = [];
  const disconnects: string[] = [];
  socket.on("disconnect", (reason) => disconnects.push(reason));
  const feed = new WallFeed({ socket, serviceId, seq, onEvent: () => {}, onError: (e) => errors.push(e.code), serverDisconnectRetryMs: 50 });
  feeds.push(feed);
  feed.start();
  return { feed, errors, disconnects };
}

function join(socket: WallSocket, serviceId: string): Promise<WallJoinReply> {
  return socket.timeout(10_000).emitWithAck("wall:join", { serviceId, afterSeq: 0 });
}

async function newService() {
  const s = await createService(master, { teamId, key: `ra-${uid()}`, name: "Access" });
  await createItem(master, s.id, { title: "On the wall" });
  return s;
}

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  admin = (await makeUser({ isAdmin: true })).actor;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  http = createServer();
  hub = await attachRealtime(http, { redisUrl: null });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterEach(() => {
  for (const f of feeds.splice(0)) f.stop();
  for (const s of sockets.splice(0)) s.disconnect();
});

afterAll(async () => {
  await closeRealtime(hub);
});

describe("access changes on open sockets", () => {
  it("a role change cuts the member's socket within 5 s; still allowed to view, the wall comes back live", async () => {
    const service = await newService();
    const { user } = await makeUser({ teamId, roles: ["DEVELOPER"] });
    const wall = watch(connect({ cookie: await sessionCookie(user.id) }), service.id, 0);
    await until(() => expect(wall.feed.status).toBe("live"));

    await setMemberRoles(admin, teamId, { userId: user.id, roles: ["VIEWER"] });
    await vi.waitFor(() => expect(wall.disconnects).toEqual(["io server disconnect"]), WITHIN_5S);
    await until(() => expect(wall.feed.status).toBe("live"));
    expect(wall.errors).toEqual([]);
  });

  it("removing a member from the team cuts their socket within 5 s, and the rejoin is refused", async () => {
    const service = await newService();
    const { user } = await makeUser({ teamId, roles: ["DEVELOPER", "GATEKEEPER"] });
    const wall = watch(connect({ cookie: await sessionCookie(user.id) }), service.id, 0);
    await until(() => expect(wall.feed.status).toBe("live"));

    await setMemberRoles(admin, teamId, { userId: user.id, roles: [] });
    await vi.waitFor(() => expect(wall.disconnects).toEqual(["io server disconnect"]), WITHIN_5S);
    await until(() => expect(wall.errors).toEqual(["NOT_FOUND"]));
    expect(wall.feed.status).toBe("refused");
  });

  it("disabling a user cuts their socket within 5 s and their session cannot reconnect", async () => {
    const service = await newService();
    const { user } = await makeUser({ teamId, roles: ["OPERATIONS"] });
    const cookie = await sessionCookie(user.id);
    const wall = watch(connect({ cookie }), service.id, 0);
    await until(() => expect(wall.feed.status).toBe("live"));

    await setUserDisabled(admin, user.id, true);
    await vi.waitFor(() => expect(wall.disconnects).toEqual(["io server disconnect"]), WITHIN_5S);
    await until(() => expect(wall.feed.status).toBe("refused"));
    const again = connect({ cookie });
    const refusal = await new Promise<string>((resolve, reject) => {
      again.once("connect", () => reject(new Error("a disabled user's session connected")));
      again.once("connect_error", (e) => resolve(e.message));
      again.connect();
    });
    expect(refusal).toBe("unauthenticated");
  });

  it("revoking a wall token cuts the TV's socket within 5 s and the token cannot connect again", async () => {
    const service = await newService();
    const { token, secret } = await createAccessToken(master, service.id, { kind: "WALL", name: "Office TV" });
    const tv = connect({ token: secret });
    const wall = watch(tv, service.id, 0);
    await until(() => expect(wall.feed.status).toBe("live"));
    // Another service's token on the same hub is not touched.
    const other = await newService();
    const otherTv = connect({ token: (await createAccessToken(master, other.id, { kind: "WALL", name: "Other TV" })).secret });
    const otherWall = watch(otherTv, other.id, 0);
    await until(() => expect(otherWall.feed.status).toBe("live"));

    await revokeAccessToken(master, token.id);
    await vi.waitFor(() => expect(wall.disconnects).toEqual(["io server disconnect"]), WITHIN_5S);
    await until(() => expect(wall.feed.status).toBe("refused"));
    expect(otherWall.disconnects).toEqual([]);
    expect(otherTv.connected).toBe(true);
    expect(await join(otherTv, other.id)).toMatchObject({ events: expect.any(Array) });
  });
});
