// Two instances, one wall (issue 14.1): two app processes behind a real nginx (Debian's package,
// started by tests/support/instance/proxied-instances.ts), sharing this file's PostgreSQL
// database and the Redis on 127.0.0.1:6379 for the Socket.IO adapter. Clients reach the
// instances only through the proxy, with the websocket transport the app's clients use
// (docs/decisions/010-two-instances-behind-a-proxy.md). PostgreSQL only: several instances on
// one SQLite file is not a supported set-up.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connectClient } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/domain/permissions";
import type { ObeyaEvent } from "@/lib/events";
import { SOCKET_PATH, type WallPresence } from "@/lib/realtime/protocol";
import { WallFeed, type WallSocket } from "@/lib/realtime/wall-feed";
import { db } from "@/server/db";
import { KAIZEN_DETECT_JOB } from "@/server/jobs/background-jobs";
import { createItem } from "@/server/services/items/create-item";
import { createService } from "@/server/services/services/create-service";
import { createWebhook } from "@/server/services/webhooks/create-webhook";
import { makeTeam, makeUser, uid } from "../support/factories";
import { startProxiedInstances, type ProxiedInstances } from "../support/instance/proxied-instances";
import { sessionCookie } from "../support/session";

const REDIS_URL = "redis://127.0.0.1:6379";
const KAIZEN_INTERVAL_MS = 400;
const WITHIN_1S = { timeout: 1_000, interval: 10 };
const until = (check: () => void | Promise<void>, timeout = 10_000) => vi.waitFor(check, { timeout, interval: 20 });

let cluster: ProxiedInstances;
let master: { user: { id: string; name: string }; actor: Actor };
let dev: { user: { id: string; name: string }; actor: Actor };
let masterCookie: string;
let devCookie: string;
let service: { id: string; stageIds: string[] };
let itemIds: string[] = [];
let nextItem = 0;
const sockets: WallSocket[] = [];
const feeds: WallFeed[] = [];

beforeAll(async () => {
  const teamId = (await makeTeam()).id;
  master = await makeUser({ teamId, roles: ["SERVICE_MASTER"] });
  dev = await makeUser({ teamId, roles: ["DEVELOPER"] });
  masterCookie = await sessionCookie(master.user.id);
  devCookie = await sessionCookie(dev.user.id);
  service = await createService(master.actor, {
    teamId,
    key: `two-${uid()}`,
    name: "Two instances",
    stages: [
      { key: "dev", name: "Development" },
      { key: "deploy", name: "Deployment" },
    ],
  });
  for (let i = 0; i < 16; i++) itemIds.push((await createItem(master.actor, service.id, { title: `Card ${i}` })).id);
  cluster = await startProxiedInstances({
    env: {
      DATABASE_URL: process.env.DATABASE_URL!,
      REDIS_URL,
      KAIZEN_INTERVAL_MS: String(KAIZEN_INTERVAL_MS),
      WEBHOOK_POLL_MS: "150",
    },
  });
  // Each instance's first wall read loads its modules and opens its pool: on a busy machine that
  // alone can take longer than a join may, and it is not what these tests measure.
  for (const i of cluster.instances) {
    const res = await fetch(`${i.directUrl}/api/v1/services/${service.id}/wall`, { headers: { cookie: masterCookie } });
    expect(res.status).toBe(200);
  }
}, 150_000);

afterAll(async () => {
  for (const f of feeds) f.stop();
  for (const s of sockets) s.disconnect();
  await cluster?.stop();
});

/** A wall tab connected through the proxy: every event its feed applied, in order, and the presence it last saw. */
function openWall(cookie: string, seq: number) {
  const socket: WallSocket = connectClient(cluster.proxyUrl, {
    path: SOCKET_PATH,
    transports: ["websocket"],
    extraHeaders: { cookie },
    forceNew: true,
    autoConnect: false,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
  });
  sockets.push(socket);
  const tab = { socket, applied: [] as Array<{ event: ObeyaEvent; at: number }>, presence: null as WallPresence | null, feed: null as unknown as WallFeed };
  tab.feed = new WallFeed({
    socket,
    serviceId: service.id,
    seq,
    onEvent: (event) => tab.applied.push({ event, at: performance.now() }),
    onPresence: (p) => (tab.presence = p),
  });
  feeds.push(tab.feed);
  tab.feed.start();
  return tab;
}
type Tab = ReturnType<typeof openWall>;

/** Which instance holds this socket: asked of each instance directly, not through the proxy. */
async function instanceOf(socket: WallSocket): Promise<string> {
  for (const i of cluster.instances) {
    const info = (await fetch(`${i.directUrl}/__instance`).then((r) => r.json(), () => null)) as { sockets: string[] } | null;
    if (info?.sockets.includes(socket.id!)) return i.name;
  }
  throw new Error(`socket ${socket.id} is on no instance`);
}

async function live(tab: Tab) {
  await until(() => expect(tab.feed.status).toBe("live"));
}

async function lastSeq(): Promise<number> {
  return (await db.service.findUniqueOrThrow({ where: { id: service.id }, select: { lastSeq: true } })).lastSeq;
}

/** POST through the proxy: moves the next untouched card to Deployment; says which instance served it. */
async function moveThroughProxy(): Promise<{ instance: string; seq: number; at: number }> {
  const itemId = itemIds[nextItem++]!;
  const { version } = await db.workItem.findUniqueOrThrow({ where: { id: itemId }, select: { version: true } });
  const at = performance.now();
  const res = await fetch(`${cluster.proxyUrl}/api/v1/items/${itemId}/move`, {
    method: "POST",
    headers: { cookie: devCookie, origin: cluster.proxyUrl, "content-type": "application/json" },
    body: JSON.stringify({ toStageId: service.stageIds[1], expectedVersion: version }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const recent = await db.event.findMany({
    where: { serviceId: service.id, type: "item.moved" },
    orderBy: { seq: "desc" },
    take: 10,
    select: { seq: true, payload: true },
  });
  const event = recent.find((e) => (e.payload as { itemId?: string }).itemId === itemId);
  expect(event, `no item.moved event for ${itemId}`).toBeDefined();
  return { instance: res.headers.get("x-obeya-instance")!, seq: event!.seq, at };
}

async function wallThroughProxy() {
  const res = await fetch(`${cluster.proxyUrl}/api/v1/services/${service.id}/wall`, { headers: { cookie: masterCookie } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { seq: number; items: Array<{ id: string; stageId: string }> };
  return { instance: res.headers.get("x-obeya-instance")!, ...body };
}

describe("two instances behind nginx", () => {
  it("a wall socket on one instance sees, within a second, a move made through the other", async () => {
    const tab = openWall(masterCookie, await lastSeq());
    await live(tab);
    const home = await instanceOf(tab.socket);
    // A first request to each instance pays for loading code paths and planning queries.
    await moveThroughProxy();
    await moveThroughProxy();
    // Round robin: within a few requests one lands on the other instance.
    let other: Awaited<ReturnType<typeof moveThroughProxy>> | undefined;
    for (let n = 0; n < 4 && !other; n++) {
      const moved = await moveThroughProxy();
      if (moved.instance !== home) other = moved;
    }
    expect(other, "the proxy never used the other instance").toBeDefined();
    await vi.waitFor(() => expect(tab.applied.map((a) => a.event.seq)).toContain(other!.seq), WITHIN_1S);
    const arrived = tab.applied.find((a) => a.event.seq === other!.seq)!;
    expect(arrived.at - other!.at).toBeLessThan(1_000);
    tab.feed.stop();
    tab.socket.disconnect();
  });

  it("the snapshot cache of each instance follows moves made through the other", async () => {
    // Warm both instances' caches (round robin: two reads, one each).
    const before = [await wallThroughProxy(), await wallThroughProxy()];
    expect(new Set(before.map((w) => w.instance))).toEqual(new Set(["a", "b"]));
    const moved = await moveThroughProxy();
    const after = [await wallThroughProxy(), await wallThroughProxy()];
    expect(new Set(after.map((w) => w.instance))).toEqual(new Set(["a", "b"]));
    const movedItem = itemIds[nextItem - 1]!;
    for (const wall of after) {
      expect(wall.seq, `instance ${wall.instance}`).toBe(moved.seq);
      expect(wall.items.find((i) => i.id === movedItem)?.stageId, `instance ${wall.instance}`).toBe(service.stageIds[1]);
    }
  });

  it("presence counts the watchers of both instances, and a leave on one shows on the other", async () => {
    const seq = await lastSeq();
    const mine = openWall(masterCookie, seq);
    await live(mine);
    // Open the colleague's tab until it sits on the other instance (round robin alternates).
    let theirs = openWall(devCookie, seq);
    await live(theirs);
    if ((await instanceOf(theirs.socket)) === (await instanceOf(mine.socket))) {
      theirs.feed.stop();
      theirs.socket.disconnect();
      theirs = openWall(devCookie, seq);
      await live(theirs);
    }
    expect(await instanceOf(theirs.socket)).not.toBe(await instanceOf(mine.socket));
    const names = (t: Tab) => t.presence?.viewers.map((v) => v.name).sort() ?? [];
    const both = [master.user.name, dev.user.name].sort();
    await until(() => {
      expect(names(mine)).toEqual(both);
      expect(names(theirs)).toEqual(both);
    });
    theirs.feed.stop();
    theirs.socket.disconnect();
    await vi.waitFor(() => expect(names(mine)).toEqual([master.user.name]), WITHIN_1S);
    mine.feed.stop();
    mine.socket.disconnect();
  });

  it("the data-problem checks run once per interval between the two instances, and each webhook delivery is sent once", async () => {
    const receiver = await startReceiver();
    try {
      await createWebhook(master.actor, service.id, { name: "Chat", url: receiver.url, eventTypes: ["item.moved"] });
      const seqs: number[] = [];
      for (let n = 0; n < 6; n++) seqs.push((await moveThroughProxy()).seq);
      await until(() => expect(receiver.seqs().sort((x, y) => x - y)).toEqual(seqs));
      // Both instances keep polling: a delivery sent twice would show up now.
      await new Promise((r) => setTimeout(r, 600));
      expect(receiver.seqs().sort((x, y) => x - y)).toEqual(seqs);
    } finally {
      await receiver.stop();
    }

    // Both instances tick every interval; the lease lets one pass through per interval.
    const passes = () =>
      cluster.instances
        .flatMap((i) => cluster.logged(i.name, "problems-from-data pass ran"))
        .map((r) => Date.parse(String(r.claimedAt)))
        .sort((x, y) => x - y);
    await until(() => expect(passes().length).toBeGreaterThanOrEqual(6));
    const times = passes();
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // a full interval less the lease's slack (10%); without the lease the two instances' passes
    // interleave, and half the gaps are at most half an interval
    expect(Math.min(...gaps), JSON.stringify(gaps)).toBeGreaterThanOrEqual(KAIZEN_INTERVAL_MS * 0.9);
    const lease = await db.jobLease.findUniqueOrThrow({ where: { job: KAIZEN_DETECT_JOB } });
    expect(["a", "b"]).toContain(lease.holder);
  });

  it("killing an instance leaves the other serving; its clients reconnect and miss no event", async () => {
    const start = await lastSeq();
    const tab = openWall(masterCookie, start);
    await live(tab);
    const victim = await instanceOf(tab.socket);
    const survivor = victim === "a" ? "b" : "a";
    const passesBefore = cluster.logged(survivor, "problems-from-data pass ran").length;

    await cluster.kill(victim);
    // Every request through the proxy is answered by the survivor (nginx skips the dead one).
    const moved: number[] = [];
    for (let n = 0; n < 3; n++) {
      const m = await moveThroughProxy();
      expect(m.instance).toBe(survivor);
      moved.push(m.seq);
    }
    const health = await fetch(`${cluster.proxyUrl}/api/health`);
    expect(health.status).toBe(200);

    // The client reconnects through the proxy (to the survivor), re-joins with its last seq
    // and catches up: every event after its snapshot, in order, once each.
    const end = await lastSeq();
    await until(() => expect(tab.feed.lastSeq).toBe(end));
    expect(await instanceOf(tab.socket)).toBe(survivor);
    expect(tab.applied.map((a) => a.event.seq)).toEqual(Array.from({ length: end - start }, (_, i) => start + 1 + i));
    for (const seq of moved) expect(tab.applied.map((a) => a.event.seq)).toContain(seq);

    // The dead instance's lease lapses: the survivor runs the data-problem checks from now on.
    await until(() => expect(cluster.logged(survivor, "problems-from-data pass ran").length).toBeGreaterThan(passesBefore + 2));
  });
});

/** A webhook receiver: the event seq of each delivery it got (a duplicate shows up twice). */
async function startReceiver() {
  const got: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { event?: { seq?: number }; seq?: number };
      got.push(Number(body.event?.seq ?? body.seq));
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    seqs: () => [...got],
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
