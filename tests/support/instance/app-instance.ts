// One app instance for the two-instance test (tests/integration/two-instances.pg.test.ts), run as
// a process of its own: `node --conditions=react-server --import tsx tests/support/instance/app-instance.ts`
// with PORT, INSTANCE_NAME, DATABASE_URL, REDIS_URL (and optionally KAIZEN_INTERVAL_MS,
// WEBHOOK_POLL_MS). It is server.ts without Next's page renderer, which needs a build (or a dev
// compile per process): the same realtime hub (Socket.IO + Redis adapter), the same background
// jobs, and the real /api route handlers the test calls, so everything the proxy sees of an
// instance is the app's own code.
import "../../../src/server/realtime/register-server-only";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { GET as health } from "@/app/api/health/route";
import { POST as createItem } from "@/app/api/v1/services/[serviceId]/items/route";
import { GET as wall } from "@/app/api/v1/services/[serviceId]/wall/route";
import { POST as moveItem } from "@/app/api/v1/items/[itemId]/move/route";
import { db, dbReady } from "@/server/db";
import { env } from "@/server/env";
import { startBackgroundJobs } from "@/server/jobs/background-jobs";
import { log } from "@/server/log";
import { attachRealtime, closeRealtime } from "@/server/realtime/hub";

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;
const ROUTES: Array<{ method: string; path: RegExp; names: string[]; handler: unknown }> = [
  { method: "GET", path: /^\/api\/health$/, names: [], handler: health },
  { method: "GET", path: /^\/api\/v1\/services\/([^/]+)\/wall$/, names: ["serviceId"], handler: wall },
  { method: "POST", path: /^\/api\/v1\/services\/([^/]+)\/items$/, names: ["serviceId"], handler: createItem },
  { method: "POST", path: /^\/api\/v1\/items\/([^/]+)\/move$/, names: ["itemId"], handler: moveItem },
];

const name = process.env.INSTANCE_NAME ?? String(process.pid);
const number = (v: string | undefined) => (v ? Number(v) : undefined);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function route(req: IncomingMessage, res: ServerResponse, sockets: () => string[]): Promise<void> {
  res.setHeader("x-obeya-instance", name);
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  if (url.pathname === "/__instance") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ name, pid: process.pid, sockets: sockets() }));
    return;
  }
  for (const r of ROUTES) {
    const m = r.method === req.method ? r.path.exec(url.pathname) : null;
    if (!m) continue;
    const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const body = req.method === "GET" ? undefined : new Uint8Array(await readBody(req));
    const answer = await (r.handler as Handler)(new Request(url, { method: req.method, headers, body }), {
      params: Promise.resolve(params as never),
    });
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
    return;
  }
  res.writeHead(404, { "content-type": "text/plain" }).end("not served by the test instance\n");
}

async function main() {
  await dbReady();
  const http = createServer();
  const io = await attachRealtime(http);
  const sockets = () => [...io.of("/").sockets.keys()];
  http.on("request", (req, res) => {
    route(req, res, sockets).catch((err: unknown) => {
      log.error({ err }, "test instance: request failed");
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => http.listen(env.PORT, "127.0.0.1", resolve));
  const jobs = startBackgroundJobs({
    instance: name,
    kaizenIntervalMs: number(process.env.KAIZEN_INTERVAL_MS),
    webhookPollMs: number(process.env.WEBHOOK_POLL_MS),
  });
  log.info({ instance: name, port: env.PORT }, "instance ready");
  process.on("SIGTERM", () => {
    void (async () => {
      await jobs.stop();
      await closeRealtime(io);
      await db.$disconnect();
      process.exit(0);
    })();
  });
}

main().catch((err: unknown) => {
  log.fatal({ err }, "test instance failed to start");
  process.exit(1);
});
