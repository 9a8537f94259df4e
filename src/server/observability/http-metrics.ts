import "server-only";
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { metrics } from "./metrics";
import { routeLabel } from "./route-label";

/** Counts the request and its duration once the response has been sent (or the client left). */
export function recordHttp(req: IncomingMessage, res: ServerResponse): void {
  const started = process.hrtime.bigint();
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  const done = () => {
    const route = routeLabel(path);
    const method = req.method ?? "GET";
    const m = metrics();
    m.httpRequests.inc({ route, method, status: String(res.statusCode) });
    m.httpDuration.observe({ route, method }, Number(process.hrtime.bigint() - started) / 1e9);
  };
  res.once("finish", done);
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? "")?.[1] ?? "");
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * Answers a scrape: the Prometheus text format, behind the bearer token when one is configured.
 * Returns false when the request is not a scrape (so the caller passes it on).
 */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, opts: { token?: string }): Promise<boolean> {
  const path = (req.url ?? "/").split("?")[0];
  if (path !== "/metrics") return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("Method not allowed\n");
    return true;
  }
  if (opts.token && !bearerMatches(req.headers.authorization, opts.token)) {
    res.writeHead(401, { "www-authenticate": 'Bearer realm="metrics"', "content-type": "text/plain" }).end("A metrics token is required\n");
    return true;
  }
  const registry = metrics().registry;
  const body = await registry.metrics();
  res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}
