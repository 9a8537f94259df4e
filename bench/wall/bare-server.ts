// The baseline: a bare Socket.IO server in a process of its own (forked by bench/wall/run.ts with
// IPC). Same Socket.IO version and the same engine options as the hub (no deflate, same path and
// buffer size), but no authentication, no rooms, no database: `io.emit` of the payload it is
// handed. The stamp is taken right before `io.emit`, the moment the hub's stamp stands for
// (an event ready to broadcast).
//
// argv: --websocket-only (memory phase: the server accepts no polling transport).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { nowNs, type ServerCommand, type ServerReply } from "./common";
import { measureMemory } from "./memory";

const send = (m: ServerReply) => process.send?.(m);

async function main() {
  const http = createServer();
  const io = new Server(http, {
    path: "/socket.io",
    serveClient: false,
    maxHttpBufferSize: 16 * 1024,
    perMessageDeflate: false,
    ...(process.argv.includes("--websocket-only") ? { transports: ["websocket" as const] } : {}),
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const port = (http.address() as AddressInfo).port;

  process.on("message", (raw: ServerCommand) => {
    void (async () => {
      try {
        if (raw.cmd === "emit") {
          const t0 = nowNs();
          io.emit("event", raw.payload);
          send({ type: "emitted", n: raw.n, key: `seq:${(raw.payload as { seq: number }).seq}`, t0: t0.toString() });
        } else if (raw.cmd === "memory") {
          send({ type: "memory", ...(await measureMemory()), sockets: io.engine.clientsCount, roomSize: io.sockets.sockets.size });
        } else if (raw.cmd === "stop") {
          await io.close();
          process.exit(0);
        }
      } catch (e) {
        send({ type: "error", message: e instanceof Error ? e.message : String(e) });
      }
    })();
  });
  send({ type: "ready", port, lastSeq: 0 });
}

main().catch((e: unknown) => {
  send({ type: "error", message: e instanceof Error ? e.message : String(e) });
  process.exit(1);
});
