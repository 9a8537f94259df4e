// Phase: a Prometheus scrape under load (issue 14.3: `/metrics` under 1,000 connected sockets
// ≤ 50 ms). The hub (hub-server.ts --metrics) serves GET /metrics as server.ts does; the runner
// scrapes it SCRAPES times one after another with no watcher connected (the baseline, same
// process, same run), then again with N watchers connected and joined to a wall, alternating
// with a scrape of the bare server's 404 so load bursts hit both sides alike.
import { performance } from "node:perf_hooks";
import { percentile, round, type PhaseOutput, type Row, type ServerCommand, type ServerReply, type WallFixture } from "./common";
import { connectGroup, startClients } from "./fanout";
import { fork } from "./proc";

const SCRAPES = Number(process.env.BENCH_WALL_SCRAPES ?? 50);
const isReady = (m: ServerReply): m is Extract<ServerReply, { type: "ready" }> => m.type === "ready";

async function scrapeTimes(url: string, n: number): Promise<{ ms: number[]; bytes: number; sockets: number }> {
  const ms: number[] = [];
  let bytes = 0;
  let sockets = -1;
  for (let i = 0; i < n + 3; i++) {
    const t = performance.now();
    const res = await fetch(url);
    const body = await res.text();
    const took = performance.now() - t;
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
    if (i < 3) continue;
    ms.push(took);
    bytes = body.length;
    sockets = Number(body.split("\n").find((l) => l.startsWith("obeya_sockets_open"))?.split(" ").pop() ?? "-1");
  }
  return { ms, bytes, sockets };
}

export async function runScrape(f: WallFixture, watchers: number): Promise<PhaseOutput> {
  const notes: string[] = [];
  const hub = fork<ServerCommand, ServerReply>("bench/wall/hub-server.ts", ["--metrics"]);
  const clients = startClients();
  try {
    const ready = await hub.next(isReady, 60_000, "hub ready");
    const url = `http://127.0.0.1:${ready.port}/metrics`;
    const idle = await scrapeTimes(url, SCRAPES);
    if (idle.sockets !== 0) throw new Error(`expected no sockets before connecting, the scrape says ${idle.sockets}`);
    const c = await connectGroup(
      clients,
      {
        cmd: "connect",
        group: "hub",
        url: `http://127.0.0.1:${ready.port}`,
        count: watchers,
        userIds: f.watcherIds.slice(0, watchers),
        join: { serviceId: f.live.id, afterSeq: ready.lastSeq },
        transports: ["websocket"],
        concurrency: 20,
      },
      180_000,
    );
    notes.push(`${c.count} watchers connected and joined in ${Math.round(c.ms)} ms`);
    const busy = await scrapeTimes(url, SCRAPES);
    if (busy.sockets !== c.count) throw new Error(`the scrape counts ${busy.sockets} sockets, ${c.count} are connected`);
    notes.push(`${SCRAPES} scrapes each; the body is ${busy.bytes} bytes with ${c.count} sockets (${idle.bytes} with none)`);
    const rows: Row[] = [50, 95].map((p) => {
      const value = round(percentile(busy.ms, p), 2);
      return {
        metric: `GET /metrics with ${c.count} sockets connected, p${p}`,
        value,
        baseline: round(percentile(idle.ms, p), 2),
        baselineLabel: "with no socket",
        unit: "ms",
        target: p === 95 ? "≤ 50 ms" : "",
        met: p === 95 ? value <= 50 : null,
      };
    });
    return { rows, notes };
  } finally {
    clients.send({ cmd: "stop" });
    hub.send({ cmd: "stop" });
  }
}
