// Phase: cross-instance fan-out (issue 14.1). Two hubs (hub-server.ts), A and B, each with the
// Redis adapter on (the local Redis, under a channel prefix of this run's own) and the same
// database file; N watchers joined to the live wall on A and N on B, in the one client process.
// Every move is committed on A: its event reaches A's watchers from A's own emit (the
// single-instance path) and B's watchers through Redis — one commit, both figures, measured on
// the same moves. Latency = last socket of the group's receipt − A's stamp right after COMMIT
// (CLOCK_MONOTONIC, shared by the processes). Target: cross-instance p95 ≤ same-instance p95 + 10 ms.
import { randomBytes } from "node:crypto";
import { percentile, round, type ClientReply, type PhaseOutput, type Row, type ServerCommand, type ServerReply, type WallFixture } from "./common";
import { connectGroup, startClients } from "./fanout";
import { fork } from "./proc";

const MOVES = Number(process.env.BENCH_WALL_MOVES ?? 50);
const WARMUP = 5;
const PAUSE_MS = 20;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

const isReady = (m: ServerReply): m is Extract<ServerReply, { type: "ready" }> => m.type === "ready";

export async function runCrossFanout(f: WallFixture, sizes: number[]): Promise<PhaseOutput> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const redis = [`--redis=${REDIS_URL}`, `--redis-key=obeya-bench-${randomBytes(4).toString("hex")}`];
  const a = fork<ServerCommand, ServerReply>("bench/wall/hub-server.ts", redis);
  const b = fork<ServerCommand, ServerReply>("bench/wall/hub-server.ts", redis);
  const clients = startClients();
  const half = Math.floor(f.watcherIds.length / 2);
  let connected = 0;
  let moveNo = 0;
  try {
    const [aReady, bReady] = await Promise.all([a.next(isReady, 60_000, "hub A ready"), b.next(isReady, 60_000, "hub B ready")]);
    for (const n of [...sizes].sort((x, y) => x - y)) {
      if (n > half) throw new Error(`${n} watchers per instance need ${2 * n} viewers; the fixture has ${f.watcherIds.length}`);
      const add = n - connected;
      const join = { serviceId: f.live.id, afterSeq: aReady.lastSeq };
      const common = { cmd: "connect" as const, count: add, join, transports: ["websocket" as const], concurrency: 20 };
      const onA = await connectGroup(clients, { ...common, group: "same", url: `http://127.0.0.1:${aReady.port}`, userIds: f.watcherIds.slice(connected, n) }, 120_000);
      const onB = await connectGroup(clients, { ...common, group: "cross", url: `http://127.0.0.1:${bReady.port}`, userIds: f.watcherIds.slice(half + connected, half + n) }, 120_000);
      if (onA.count !== n || onB.count !== n) throw new Error(`expected ${n} sockets per instance, have ${onA.count} (A) and ${onB.count} (B)`);
      connected = n;

      const same: number[] = [];
      const cross: number[] = [];
      for (let i = 0; i < WARMUP + MOVES; i++) {
        const got = new Map<string, Extract<ClientReply, { type: "received" }>>();
        const off = clients.on((m) => {
          if (m.type === "received") got.set(`${m.group} ${m.key}`, m);
        });
        try {
          const wait = a.next((m): m is Extract<ServerReply, { type: "moved" }> => m.type === "moved", 15_000, "move");
          a.send({ cmd: "move", n: moveNo++ });
          const moved = await wait;
          const deadline = Date.now() + 15_000;
          while (!got.has(`same ${moved.key}`) || !got.has(`cross ${moved.key}`)) {
            if (Date.now() > deadline) throw new Error(`${moved.key}: not every watcher on both instances received it within 15 s`);
            await new Promise((r) => setTimeout(r, 1));
          }
          if (i >= WARMUP) {
            same.push(Number(BigInt(got.get(`same ${moved.key}`)!.last) - BigInt(moved.t0)) / 1e6);
            cross.push(Number(BigInt(got.get(`cross ${moved.key}`)!.last) - BigInt(moved.t0)) / 1e6);
          }
        } finally {
          off();
        }
        await new Promise((r) => setTimeout(r, PAUSE_MS));
      }
      for (const p of [50, 95, 99] as const) {
        const value = round(percentile(cross, p), 2);
        const baseline = round(percentile(same, p), 2);
        const target = p === 95 ? "≤ same instance + 10 ms" : "";
        rows.push({
          metric: `cross-instance fan-out to ${n} watchers on B, commit on A → last client, p${p}`,
          value,
          baseline,
          baselineLabel: `${n} watchers on A, same moves`,
          unit: "ms",
          target,
          met: p === 95 ? value <= baseline + 10 : null,
        });
      }
      notes.push(
        `${n} watchers per instance (A: ${Math.round(onA.ms)} ms to connect and join, B: ${Math.round(onB.ms)} ms), ${MOVES} moves after ${WARMUP} warm-ups; max same ${round(Math.max(...same), 2)} ms, cross ${round(Math.max(...cross), 2)} ms`,
      );
    }
  } finally {
    await clients.stop();
    await Promise.all([a.stop(), b.stop()]);
  }
  return { rows, notes };
}
