// GET /metrics: the Prometheus text format behind a token, counting real requests, real commits
// with their relay to a real Socket.IO client, real database queries and refused sign-ins.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connectClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SOCKET_PATH } from "@/lib/realtime/protocol";
import { guardCredentialsSignIn, resetSignInLimits } from "@/server/auth/sign-in-guard";
import { authSecret } from "@/server/env";
import { CLIENT_ADDRESS_HEADER } from "@/server/http/client-address";
import { recordHttp, serveMetrics } from "@/server/observability/http-metrics";
import { attachRealtime, closeRealtime, type RealtimeServer } from "@/server/realtime/hub";
import { createItem } from "@/server/services/items/create-item";
import { createService } from "@/server/services/services/create-service";
import { makeTeam, makeUser, uid } from "../support/factories";

const TOKEN = "scrape-token-0123456789";
let http: HttpServer;
let io: RealtimeServer;
let base: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  http = createServer();
  // As server.ts wires it: every request counted, /metrics answered before the app.
  http.on("request", async (req, res) => {
    recordHttp(req, res);
    if (await serveMetrics(req, res, { token: TOKEN })) return;
    if (req.url?.startsWith("/socket.io")) return;
    res.writeHead(req.url?.includes("missing") ? 404 : 200).end("{}");
  });
  io = await attachRealtime(http);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await closeRealtime(io);
});

async function scrape(): Promise<string> {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  return res.text();
}

/** The value of one sample line (name with its labels exactly as exposed), 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("GET /metrics", () => {
  it("needs the token: none or a wrong one answers 401 and shows nothing", async () => {
    for (const authorization of [undefined, "Bearer wrong", `Bearer ${TOKEN}x`, `Basic ${TOKEN}`]) {
      const res = await fetch(`${base}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain("obeya_");
    }
    expect((await fetch(`${base}/metrics`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(405);
  });

  it("counts requests by route template and status, never by raw id", async () => {
    const id = `c${uid()}`;
    const before = await scrape();
    const moved = 'obeya_http_requests_total{route="/api/v1/items/{itemId}/move",method="POST",status="200"}';
    const missing = 'obeya_http_requests_total{route="/api/v1/items/{itemId}",method="GET",status="404"}';
    for (let i = 0; i < 3; i++) await fetch(`${base}/api/v1/items/${id}/move`, { method: "POST" });
    await fetch(`${base}/api/v1/items/missing-${id}`);
    const after = await scrape();
    expect(sample(after, moved) - sample(before, moved)).toBe(3);
    expect(sample(after, missing) - sample(before, missing)).toBe(1);
    expect(after).toContain('obeya_http_request_duration_seconds_bucket{le="0.005",route="/api/v1/items/{itemId}/move",method="POST"}');
    expect(after).not.toContain(id);
    // Process metrics come along (prom-client's defaults).
    expect(after).toMatch(/^obeya_process_resident_memory_bytes \d+/m);
  });

  it("counts committed events, their relay to a watching socket with its lag, open sockets and database queries", async () => {
    const team = await makeTeam();
    const { user, actor } = await makeUser({ teamId: team.id, roles: ["SERVICE_MASTER"] });
    const service = await createService(actor, { teamId: team.id, key: `m-${uid()}`, name: "Metrics" });
    const jwt = await encode({ token: { sub: user.id, uid: user.id, sv: 0 }, secret: authSecret() });
    const socket = connectClient(base, {
      path: SOCKET_PATH,
      transports: ["websocket"],
      extraHeaders: { cookie: `next-auth.session-token=${jwt}`, origin: base },
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const joined = await socket.timeout(10_000).emitWithAck("wall:join", { serviceId: service.id, afterSeq: 0 });
    expect(joined).toMatchObject({ lastSeq: 1 });

    const before = await scrape();
    expect(sample(before, "obeya_sockets_open")).toBeGreaterThanOrEqual(1);
    const arrived = new Promise<void>((resolve) => socket.once("event", () => resolve()));
    await createItem(actor, service.id, { title: "Counted" });
    await arrived;
    const after = await scrape();
    expect(sample(after, "obeya_events_committed_total") - sample(before, "obeya_events_committed_total")).toBe(1);
    expect(sample(after, "obeya_events_published_total") - sample(before, "obeya_events_published_total")).toBe(1);
    expect(sample(after, "obeya_event_publish_lag_seconds_count") - sample(before, "obeya_event_publish_lag_seconds_count")).toBe(1);
    expect(sample(after, "obeya_db_query_duration_seconds_count")).toBeGreaterThan(sample(before, "obeya_db_query_duration_seconds_count"));
    expect(sample(after, "obeya_socket_rooms")).toBeGreaterThanOrEqual(1);
  });

  it("counts failed sign-ins and the limit's refusals", async () => {
    resetSignInLimits();
    const before = await scrape();
    const email = `nobody-${uid()}@example.test`;
    const denied = async () => new Response(null, { status: 401 });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const body = new URLSearchParams({ email, password: "wrong" });
      const req = new Request(`${base}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", [CLIENT_ADDRESS_HEADER]: `10.9.${i}.1` },
        body,
      });
      statuses.push((await guardCredentialsSignIn(req, denied)).status);
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    const after = await scrape();
    expect(sample(after, "obeya_signin_failures_total") - sample(before, "obeya_signin_failures_total")).toBe(10);
    const refused = 'obeya_rate_limit_refusals_total{limiter="signin-account"}';
    expect(sample(after, refused) - sample(before, refused)).toBe(1);
  });
});
