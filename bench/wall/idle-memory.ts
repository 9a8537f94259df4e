// Phase 2: server memory per idle watcher. One server process per kind (hub, bare), both started
// with --expose-gc and websocket as the only transport on both sides (the server is told to
// refuse polling, the clients never try it). Warm the server's code paths with a few sockets,
// drop them, collect, measure; then 1,000 watchers, collect, measure; then up to 10,000,
// collect, measure. Per watcher = (after − before) ÷ sockets, for heap used and for RSS.
// Bounded: no new socket after the phase's cap; a step cut short is reported with the number it
// reached (the per-socket figure hardly depends on the count).
import { round, type ClientCommand, type PhaseOutput, type Row, type ServerReply, type WallFixture } from "./common";
import { connectGroup, disconnectGroup, startClients, startServers } from "./fanout";

type Memory = Extract<ServerReply, { type: "memory" }>;
const isMemory = (m: ServerReply): m is Memory => m.type === "memory";
const KB = 1024;
// Warm-up sockets that connect, join and leave before the baseline reading, so first-use costs
// (code paths, caches) are not counted per watcher; the same warm-up for the bare server. 250
// rather than 50 did not remove the RSS spread at 1,000 (see bench/wall/README.md): the hub keeps
// ~15 MB of heap pages and native buffers beyond its heap after a storm of handshakes.
const WARM_SOCKETS = 250;

export async function runIdleMemory(f: WallFixture, steps: number[], capMs: number): Promise<PhaseOutput> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const { hub, bare, hubReady, bareReady } = await startServers(true, true);
  const clients = startClients();
  // The cap counts only the measured steps: starting the servers and the warm-ups are not them.
  // The bare server may use 40% of it, the hub everything the bare server left.
  const bareShare = capMs * 0.4;
  let left = capMs;
  try {
    type Step = { n: number; reached: number; heap: number; rss: number; ms: number; cpuPerSocket: number; clientCpuPerSocket: number };
    const results: Record<"hub" | "bare", Step[]> = { hub: [], bare: [] };
    // The bare server first: it is the cheap one; the hub gets what is left of the cap.
    for (const kind of ["bare", "hub"] as const) {
      let deadline = Number.POSITIVE_INFINITY;
      const server = kind === "hub" ? hub : bare;
      const port = kind === "hub" ? hubReady.port : bareReady.port;
      const base = (group: string, count: number, offset: number): Extract<ClientCommand, { cmd: "connect" }> => ({
        cmd: "connect",
        group,
        url: `http://127.0.0.1:${port}`,
        count,
        userIds: kind === "hub" ? f.watcherIds.slice(offset, offset + count) : null,
        join: kind === "hub" ? { serviceId: f.live.id, afterSeq: hubReady.lastSeq } : null,
        transports: ["websocket"],
        concurrency: 50,
        deadline: Number.isFinite(deadline) ? deadline : undefined,
      });
      const measure = async () => {
        const wait = server.next(isMemory, 30_000, "memory");
        server.send({ cmd: "memory" });
        return wait;
      };
      // Warm-up: the code paths of a handshake, a join and a disconnect, then gone.
      await connectGroup(clients, { ...base("warm", WARM_SOCKETS, f.watcherIds.length - WARM_SOCKETS), deadline: undefined }, 60_000);
      await disconnectGroup(clients, "warm");
      await new Promise((r) => setTimeout(r, 1000));
      const before = await measure();
      const stepsStarted = Date.now();
      deadline = stepsStarted + (kind === "bare" ? bareShare : left);
      let connected = 0;
      for (const n of steps) {
        if (Date.now() >= deadline) break;
        const c = await connectGroup(clients, base(`idle-${n}`, n - connected, connected), Math.max(5_000, deadline - Date.now() + 60_000));
        connected += c.count;
        // Let the last handshakes' and joins' garbage become unreachable before collecting.
        await new Promise((r) => setTimeout(r, 1000));
        const after = await measure();
        if (after.sockets !== connected) notes.push(`WARNING: ${kind} server counts ${after.sockets} sockets, the clients ${connected}`);
        if (kind === "hub" && after.roomSize !== connected) notes.push(`WARNING: the live wall's room holds ${after.roomSize} sockets, expected ${connected}`);
        results[kind].push({
          n,
          reached: connected,
          heap: (after.heapUsed - before.heapUsed) / connected,
          rss: (after.rss - before.rss) / connected,
          ms: c.ms,
          cpuPerSocket: (after.cpuMs - before.cpuMs) / connected,
          clientCpuPerSocket: c.count > 0 ? c.cpuMs / c.count : 0,
        });
        if (connected < n) break;
      }
      if (kind === "bare") left = capMs - Math.min(Date.now() - stepsStarted, bareShare);
      for (const n of steps) await disconnectGroup(clients, `idle-${n}`);
    }
    for (const n of steps) {
      const h = results.hub.find((r) => r.n === n);
      const b = results.bare.find((r) => r.n === n);
      if (!h || !b) {
        notes.push(`${n.toLocaleString("en")} watchers: not reached within the ${Math.round(capMs / 1000)} s cap`);
        continue;
      }
      const at = (r: Step) => (r.reached === n ? "" : ` (reached ${r.reached.toLocaleString("en")})`);
      const label = `${n.toLocaleString("en")}${at(h)}`;
      rows.push({ metric: `memory per idle watcher at ${label}, heap`, value: round(h.heap / KB), baseline: round(b.heap / KB), baselineLabel: `bare socket${at(b)}`, unit: "KB", target: "≤ 1.5× bare", met: h.heap <= 1.5 * b.heap });
      rows.push({ metric: `memory per idle watcher at ${label}, RSS`, value: round(h.rss / KB), baseline: round(b.rss / KB), baselineLabel: `bare socket${at(b)}`, unit: "KB", target: "≤ 1.5× bare", met: h.rss <= 1.5 * b.rss });
      notes.push(
        `${label} idle watchers: server CPU per connected socket ${round(h.cpuPerSocket, 2)} ms on the hub (handshake with session cookie, wall:join, GC) vs ${round(b.cpuPerSocket, 2)} ms bare; this step's sockets connected in ${Math.round(h.ms / 1000)} s (hub) and ${Math.round(b.ms / 1000)} s (bare); the client process's CPU per socket ${round(h.clientCpuPerSocket, 2)} ms (hub: cookie minted + handshake + join) and ${round(b.clientCpuPerSocket, 2)} ms (bare)`,
      );
    }
  } finally {
    await clients.stop();
    await Promise.all([hub.stop(), bare.stop()]);
  }
  return { rows, notes };
}
