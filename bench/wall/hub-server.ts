// The application's realtime hub in a process of its own (forked by bench/wall/run.ts with IPC):
// a plain HTTP server with `attachRealtime` exactly as server.ts attaches it (handshake by
// session cookie, rooms decided by permissions, relay of committed events), the real database,
// and the real write path. Next.js is left out: it serves pages, not sockets, and its heap would
// only blur the memory figures.
//
// Commit stamp: a listener on the event bus registered BEFORE the hub's own. runCommand calls
// publishCommitted right after the transaction's COMMIT resolved, and EventEmitter calls
// listeners in registration order, so the stamp is taken after the commit and before the hub
// starts broadcasting.
//
// argv: --websocket-only (memory phase: the server accepts no polling transport);
//       --redis=<url> [--redis-key=<prefix>] (cross-instance fan-out: the Redis adapter on);
//       --metrics (scrape phase: GET /metrics served as server.ts serves it, without a token).
// env: BENCH_WALL_PRESENCE=0 turns the hub's presence messages off (default on, as deployed);
//      BENCH_WALL_FAST_JOIN=0 makes every join read the replay (to measure the one-query join).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { nowNs, readWallFixture, type ServerCommand, type ServerReply } from "./common";
import { measureMemory } from "./memory";

const send = (m: ServerReply) => process.send?.(m);

async function main() {
  const f = readWallFixture();
  const { db, dbReady } = await import("@/server/db");
  const { onCommitted } = await import("@/server/realtime/bus");
  const { attachRealtime, closeRealtime, wallRoom } = await import("@/server/realtime/hub");
  const { loadUserActor } = await import("@/server/services/actors/load-user-actor");
  const { moveItem } = await import("@/server/services/items/move-item");
  const { rejectItem } = await import("@/server/services/items/reject-item");
  await dbReady();

  const stamps = new Map<number, { t0: bigint; event: unknown }>();
  onCommitted((events) => {
    const t0 = nowNs();
    for (const e of events) if (e.serviceId === f.live.id) stamps.set(e.seq, { t0, event: e });
  });

  const http = createServer();
  if (process.argv.includes("--metrics")) {
    // Before attachRealtime, as in server.ts: Socket.IO passes every other request to it.
    const { serveMetrics } = await import("@/server/observability/http-metrics");
    http.on("request", (req, res) => {
      void serveMetrics(req, res, {}).then((served) => {
        if (!served) res.writeHead(404).end();
      });
    });
  }
  // BENCH_WALL_PRESENCE=0: the hub without presence messages, to measure what presence costs.
  // BENCH_WALL_FAST_JOIN=0: every join reads the replay, as before the one-query join.
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const io = await attachRealtime(http, {
    redisUrl: arg("redis") ?? null,
    redisKey: arg("redis-key"),
    presence: process.env.BENCH_WALL_PRESENCE === "0" ? false : undefined,
    fastJoin: process.env.BENCH_WALL_FAST_JOIN !== "0",
  });
  if (process.argv.includes("--websocket-only")) io.engine.opts.transports = ["websocket"];
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const port = (http.address() as AddressInfo).port;

  const actor = await loadUserActor(f.masterId);
  if (!actor) throw new Error("Service Master not found");
  // Where each live item is and its version, so every move is valid: one stage to the right;
  // from the last stage back to the first, which the rules of flow allow only as a rejection.
  const items = await db.workItem.findMany({ where: { serviceId: f.live.id }, select: { id: true, stageId: true, version: true } });
  const state = new Map(items.map((i) => [i.id, i]));
  const { lastSeq } = await db.service.findUniqueOrThrow({ where: { id: f.live.id }, select: { lastSeq: true } });

  process.on("message", (raw: ServerCommand) => {
    void (async () => {
      try {
        if (raw.cmd === "move") {
          const itemId = f.live.itemIds[raw.n % f.live.itemIds.length]!;
          const cur = state.get(itemId)!;
          const at = f.live.stageIds.indexOf(cur.stageId);
          const toStageId = f.live.stageIds[(at + 1) % f.live.stageIds.length]!;
          const moved =
            at === f.live.stageIds.length - 1
              ? await rejectItem(actor, itemId, { toStageId, expectedVersion: cur.version, reason: "bench: back to the start" })
              : await moveItem(actor, itemId, { toStageId, expectedVersion: cur.version });
          state.set(itemId, { id: itemId, stageId: moved.stageId, version: moved.version });
          // The event this move committed: the newest stamp of the live service.
          const seq = Math.max(...stamps.keys());
          const s = stamps.get(seq)!;
          stamps.clear();
          send({ type: "moved", n: raw.n, key: `seq:${seq}`, t0: s.t0.toString(), event: s.event });
        } else if (raw.cmd === "memory") {
          send({ type: "memory", ...(await measureMemory()), sockets: io.engine.clientsCount, roomSize: io.sockets.adapter.rooms.get(wallRoom(f.live.id))?.size ?? 0 });
        } else if (raw.cmd === "stop") {
          await closeRealtime(io);
          await db.$disconnect();
          process.exit(0);
        }
      } catch (e) {
        send({ type: "error", message: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
      }
    })();
  });
  send({ type: "ready", port, lastSeq });
}

main().catch((e: unknown) => {
  send({ type: "error", message: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
  process.exit(1);
});
