// The watchers: many socket.io-client connections in one process apart from the servers (forked
// by bench/wall/run.ts with IPC), so the clients' CPU is not the server's. Each connection is its
// own Manager (forceNew), as each browser tab is; reconnection is off, so a dropped socket shows
// as a missing receipt instead of being hidden.
//
// For every event it counts, per group, how many sockets received it and stamps the first and
// the last receipt (CLOCK_MONOTONIC, comparable with the servers' stamps); when every socket of
// the group has it, the runner is told.
import { encode } from "next-auth/jwt";
import { io as connectClient, type Socket } from "socket.io-client";
import { nowNs, WALL_SECRET, type ClientCommand, type ClientReply } from "./common";

const send = (m: ClientReply) => process.send?.(m);
const CONNECT_TIMEOUT_MS = 30_000;

type Receipt = { count: number; first: bigint; last: bigint };
type Group = { sockets: Socket[]; receipts: Map<string, Receipt> };
const groups = new Map<string, Group>();

async function cookieFor(userId: string): Promise<string> {
  // The cookie next-auth sets at sign-in: same claims ({ uid, sv }) and secret as the server's.
  const jwt = await encode({ token: { sub: userId, uid: userId, sv: 0 }, secret: process.env.NEXTAUTH_SECRET ?? WALL_SECRET });
  return `next-auth.session-token=${jwt}`;
}

function openOne(cmd: Extract<ClientCommand, { cmd: "connect" }>, index: number, group: Group, cookie: string | null): Promise<void> {
  const origin = new URL(cmd.url).origin;
  const socket = connectClient(cmd.url, {
    path: "/socket.io",
    transports: cmd.transports,
    forceNew: true,
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MS,
    extraHeaders: cookie ? { cookie, origin } : { origin },
  });
  socket.on("event", (e: { seq: number }) => {
    const t = nowNs();
    const key = `seq:${e.seq}`;
    const r = group.receipts.get(key);
    if (!r) group.receipts.set(key, { count: 1, first: t, last: t });
    else {
      r.count++;
      r.last = t;
    }
    const cur = group.receipts.get(key)!;
    if (cur.count === group.sockets.length) {
      send({ type: "received", group: cmd.group, key, first: cur.first.toString(), last: cur.last.toString(), count: cur.count });
      group.receipts.delete(key);
    }
  });
  group.sockets.push(socket);
  return new Promise<void>((resolve, reject) => {
    socket.once("connect_error", (err) => reject(new Error(`socket ${index}: ${err.message}`)));
    socket.once("connect", () => {
      if (!cmd.join) return resolve();
      socket.emit("wall:join", cmd.join, (reply: { error?: { message: string } }) => {
        if (reply.error) reject(new Error(`socket ${index}: join refused: ${reply.error.message}`));
        else resolve();
      });
    });
  });
}

async function connectGroup(cmd: Extract<ClientCommand, { cmd: "connect" }>): Promise<void> {
  const started = nowNs();
  const cpu0 = process.cpuUsage();
  const group: Group = groups.get(cmd.group) ?? { sockets: [], receipts: new Map() };
  groups.set(cmd.group, group);
  let next = 0;
  // A bounded number of handshakes in flight, as people opening the wall over a few seconds.
  const worker = async () => {
    while (next < cmd.count && (cmd.deadline === undefined || Date.now() < cmd.deadline)) {
      const i = next++;
      const userId = cmd.userIds ? cmd.userIds[i % cmd.userIds.length]! : null;
      await openOne(cmd, i, group, userId ? await cookieFor(userId) : null);
    }
  };
  await Promise.all(Array.from({ length: Math.min(cmd.concurrency, cmd.count) }, worker));
  const cpu = process.cpuUsage(cpu0);
  send({ type: "connected", group: cmd.group, count: group.sockets.filter((s) => s.connected).length, ms: Number(nowNs() - started) / 1e6, cpuMs: (cpu.user + cpu.system) / 1000 });
}

process.on("message", (cmd: ClientCommand) => {
  void (async () => {
    try {
      if (cmd.cmd === "connect") await connectGroup(cmd);
      else if (cmd.cmd === "disconnect") {
        const g = groups.get(cmd.group);
        for (const s of g?.sockets ?? []) s.disconnect();
        groups.delete(cmd.group);
        send({ type: "disconnected", group: cmd.group });
      } else if (cmd.cmd === "stop") {
        for (const g of groups.values()) for (const s of g.sockets) s.disconnect();
        process.exit(0);
      }
    } catch (e) {
      send({ type: "error", message: e instanceof Error ? e.message : String(e) });
    }
  })();
});
