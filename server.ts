// Obeya's one process: Next.js (pages, /api) and Socket.IO (/socket.io) on one HTTP port.
// Run with tsx (`npm run serve` after `npm run build`, or `npm run dev`); Next does not compile it.
// The shim must stay the first import: it lets server modules' `import "server-only"` load here.
import "./src/server/realtime/register-server-only";
import { createServer, type Server } from "node:http";
import next from "next";
import { db, dbReady } from "@/server/db";
import { env } from "@/server/env";
import { log } from "@/server/log";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from "@/server/http/client-address";
import { attachRealtime, closeRealtime } from "@/server/realtime/hub";
import { recordHttp, serveMetrics } from "@/server/observability/http-metrics";
import { startBackgroundJobs } from "@/server/jobs/background-jobs";

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const dev = env.NODE_ENV !== "production";
  const hostname = env.HOSTNAME;
  const port = env.PORT;

  await dbReady();

  const httpServer = createServer();
  const app = next({ dev, hostname, port, httpServer });
  await app.prepare();
  const handle = app.getRequestHandler();
  // On the app's port only behind a token; a metrics port of its own is the other way.
  const metricsOnAppPort = env.METRICS_TOKEN && !env.METRICS_PORT ? { token: env.METRICS_TOKEN } : null;
  httpServer.on("request", async (req, res) => {
    recordHttp(req, res);
    if (metricsOnAppPort && (await serveMetrics(req, res, metricsOnAppPort))) return;
    // Replaces whatever the client sent under that name: only the server says who is calling.
    req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress({
      remoteAddress: req.socket.remoteAddress,
      forwardedFor: req.headers["x-forwarded-for"],
      trustProxy: env.TRUST_PROXY,
    });
    handle(req, res).catch((err: unknown) => {
      log.error({ err, url: req.url }, "unhandled request error");
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "INTERNAL", message: "Internal error." } }));
    });
  });
  // Socket.IO takes over /socket.io requests and upgrades; everything else reaches Next.
  const io = await attachRealtime(httpServer);

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, hostname, resolve);
  });
  log.info({ port, hostname, dev, redis: Boolean(env.REDIS_URL) }, `Obeya listening on http://${hostname}:${port}`);

  let metricsServer: Server | null = null;
  if (env.METRICS_PORT) {
    const server = createServer((req, res) => {
      void serveMetrics(req, res, { token: env.METRICS_TOKEN }).then((served) => {
        if (!served) res.writeHead(404, { "content-type": "text/plain" }).end("Only /metrics here\n");
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(env.METRICS_PORT, env.METRICS_HOST, resolve);
    });
    metricsServer = server;
    log.info({ port: env.METRICS_PORT, hostname: env.METRICS_HOST }, "Prometheus metrics on their own port");
  }

  // The data-problem checks and the webhook sender; each runs once across instances
  // (src/server/jobs/background-jobs.ts).
  const jobs = startBackgroundJobs();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    try {
      // Closes every socket and then the HTTP server (no new requests; idle keep-alives dropped).
      metricsServer?.close();
      await jobs.stop();
      await closeRealtime(io);
      await app.close();
      await db.$disconnect();
      log.info("stopped");
      process.exit(0);
    } catch (err) {
      log.error({ err }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  log.fatal({ err }, "failed to start");
  process.exit(1);
});
