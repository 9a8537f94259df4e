// Phase 1: fan-out latency. N watchers on the hub (session cookie of N different viewers,
// `wall:join` of the live service) and N sockets on the bare Socket.IO server, all in one client
// process; the hub's moves and the bare server's broadcasts alternate, one at a time, so both
// see the same machine at the same moments. Latency = last socket's receipt − the server's stamp
// (hub: right after COMMIT, see hub-server.ts; bare: right before io.emit), on CLOCK_MONOTONIC.
import { bigintMs, percentile, round, type ClientCommand, type ClientReply, type PhaseOutput, type Row, type ServerCommand, type ServerReply, type WallFixture } from "./common";
import { fork, type Child } from "./proc";

const MOVES = Number(process.env.BENCH_WALL_MOVES ?? 50);
const WARMUP = 5;
const PAUSE_MS = 20;

type Server = Child<ServerCommand, ServerReply>;
type Clients = Child<ClientCommand, ClientReply>;

const isReady = (m: ServerReply): m is Extract<ServerReply, { type: "ready" }> => m.type === "ready";

export async function startServers(websocketOnly: boolean, gc: boolean): Promise<{ hub: Server; bare: Server; hubReady: Extract<ServerReply, { type: "ready" }>; bareReady: Extract<ServerReply, { type: "ready" }> }> {
  const args = websocketOnly ? ["--websocket-only"] : [];
  const flags = gc ? ["--expose-gc"] : [];
  const hub = fork<ServerCommand, ServerReply>("bench/wall/hub-server.ts", args, flags);
  const bare = fork<ServerCommand, ServerReply>("bench/wall/bare-server.ts", args, flags);
  const [hubReady, bareReady] = await Promise.all([hub.next(isReady, 60_000, "hub ready"), bare.next(isReady, 30_000, "bare ready")]);
  return { hub, bare, hubReady, bareReady };
}

export function startClients(): Clients {
  return fork<ClientCommand, ClientReply>("bench/wall/clients.ts", []);
}

export async function connectGroup(clients: Clients, cmd: Extract<ClientCommand, { cmd: "connect" }>, timeoutMs: number): Promise<{ ms: number; count: number; cpuMs: number }> {
  const wait = clients.next((m): m is Extract<ClientReply, { type: "connected" }> => m.type === "connected" && m.group === cmd.group, timeoutMs, `${cmd.count} ${cmd.group} sockets`);
  clients.send(cmd);
  const r = await wait;
  return { ms: r.ms, count: r.count, cpuMs: r.cpuMs };
}

export async function disconnectGroup(clients: Clients, group: string): Promise<void> {
  const wait = clients.next((m): m is Extract<ClientReply, { type: "disconnected" }> => m.type === "disconnected" && m.group === group, 30_000, `${group} disconnect`);
  clients.send({ cmd: "disconnect", group });
  await wait;
}

/** Sends one broadcast-causing command; resolves with (last receipt − stamp, first receipt − stamp). */
async function oneBroadcast(server: Server, clients: Clients, group: string, cmd: ServerCommand, key: (m: ServerReply) => string | null): Promise<{ last: number; first: number; event: unknown }> {
  const receipts = new Map<string, Extract<ClientReply, { type: "received" }>>();
  const off = clients.on((m) => {
    if (m.type === "received" && m.group === group) receipts.set(m.key, m);
  });
  try {
    const reply = server.next((m): m is Extract<ServerReply, { type: "moved" | "emitted" }> => key(m) !== null, 15_000, `${cmd.cmd} reply`);
    server.send(cmd);
    const r = await reply;
    const k = key(r)!;
    const deadline = Date.now() + 15_000;
    while (!receipts.has(k)) {
      if (Date.now() > deadline) throw new Error(`${group}: not every socket received ${k} within 15 s`);
      await new Promise((res) => setTimeout(res, 1));
    }
    const got = receipts.get(k)!;
    return { last: bigintMs(got.last, r.t0), first: bigintMs(got.first, r.t0), event: r.type === "moved" ? r.event : null };
  } finally {
    off();
  }
}

/**
 * One hub and one bare server for every size: the watchers of the first size stay connected and
 * the next size adds to them (100, then 400 more for 500), which halves the handshakes.
 */
export async function runFanout(f: WallFixture, sizes: number[]): Promise<PhaseOutput> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const byKey = (m: ServerReply) => (m.type === "moved" || m.type === "emitted" ? m.key : null);
  const { hub, bare, hubReady, bareReady } = await startServers(false, false);
  const clients = startClients();
  let connected = 0;
  let moveNo = 0;
  try {
    for (const n of [...sizes].sort((a, b) => a - b)) {
      const add = n - connected;
      const hubC = await connectGroup(
        clients,
        {
          cmd: "connect",
          group: "hub",
          url: `http://127.0.0.1:${hubReady.port}`,
          count: add,
          userIds: f.watcherIds.slice(connected, n),
          join: { serviceId: f.live.id, afterSeq: hubReady.lastSeq },
          transports: ["websocket"],
          concurrency: 20,
        },
        120_000,
      );
      const bareC = await connectGroup(
        clients,
        { cmd: "connect", group: "bare", url: `http://127.0.0.1:${bareReady.port}`, count: add, userIds: null, join: null, transports: ["websocket"], concurrency: 20 },
        60_000,
      );
      if (hubC.count !== n || bareC.count !== n) throw new Error(`expected ${n} sockets per server, have ${hubC.count} (hub) and ${bareC.count} (bare)`);
      connected = n;
      notes.push(`${add} more watchers (${n} in all): connected in ${Math.round(hubC.ms)} ms on the hub (session cookie of a different viewer each + wall:join), ${Math.round(bareC.ms)} ms on the bare server`);

      const hubLast: number[] = [];
      const hubFirst: number[] = [];
      const bareLast: number[] = [];
      const bareFirst: number[] = [];
      for (let i = 0; i < WARMUP + MOVES; i++) {
        const no = moveNo++;
        const h = await oneBroadcast(hub, clients, "hub", { cmd: "move", n: no }, byKey);
        await new Promise((r) => setTimeout(r, PAUSE_MS));
        // The very event the hub just sent, under a seq of its own so receipts cannot mix.
        const payload = { ...(h.event as object), seq: 1_000_000_000 + no };
        const b = await oneBroadcast(bare, clients, "bare", { cmd: "emit", n: no, payload }, byKey);
        await new Promise((r) => setTimeout(r, PAUSE_MS));
        if (i < WARMUP) continue;
        hubLast.push(h.last);
        hubFirst.push(h.first);
        bareLast.push(b.last);
        bareFirst.push(b.first);
      }
      for (const p of [50, 95, 99] as const) {
        const value = round(percentile(hubLast, p), 2);
        const baseline = round(percentile(bareLast, p), 2);
        let target = "";
        let met: boolean | null = null;
        if (p === 95 && n === 100) {
          target = "p95 ≤ 20 ms";
          met = value <= 20;
        } else if (p === 95 && n === 500) {
          target = "≤ 1.5× bare";
          met = value <= 1.5 * baseline;
        }
        rows.push({ metric: `fan-out to ${n} watchers, commit → last client, p${p}`, value, baseline, baselineLabel: "bare io.emit", unit: "ms", target, met });
      }
      notes.push(
        `${n} watchers, ${MOVES} moves after ${WARMUP} warm-ups, alternating with as many bare broadcasts of the same event: first client p50 ${round(percentile(hubFirst, 50), 2)} ms (bare ${round(percentile(bareFirst, 50), 2)} ms); last client max ${round(Math.max(...hubLast), 2)} ms (bare ${round(Math.max(...bareLast), 2)} ms)`,
      );
    }
  } finally {
    await clients.stop();
    await Promise.all([hub.stop(), bare.stop()]);
  }
  return { rows, notes };
}
