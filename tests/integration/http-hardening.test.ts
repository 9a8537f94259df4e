// Issue 9, "the database and the session": the HTTP edges, on SQLite and PostgreSQL alike.
// - a body must say it is JSON (415): text/plain is what another site can post without CORS;
// - unknown /api/v1 paths answer JSON 404, not Next's HTML page;
// - a database that is away answers 503 with Retry-After, not 500;
// - sign-out ends the session: a cookie captured before it no longer opens anything;
// - invitation links carry the address people use, not the bind address 0.0.0.0;
// - the socket origin check trusts X-Forwarded-Host only behind a trusted proxy;
// - a TV link with a bad token answers 404, not 200.
import { beforeAll, describe, expect, it } from "vitest";
import * as ops from "@/lib/openapi/operations";
import { POST as createItemRoute } from "@/app/api/v1/services/[serviceId]/items/route";
import { GET as wallRoute } from "@/app/api/v1/services/[serviceId]/wall/route";
import { POST as createUserRoute } from "@/app/api/v1/admin/users/route";
import * as unmatched from "@/app/api/(unmatched)/v1/[...path]/route";
import TvPage from "@/app/tv/[serviceKey]/page";
import { decode } from "next-auth/jwt";
import type { Actor } from "@/domain/permissions";
import { authOptions } from "@/server/auth/auth-options";
import { resolveActor } from "@/server/auth/request-actor";
import { db } from "@/server/db";
import { authSecret } from "@/server/env";
import { errorResponse } from "@/server/http/handler";
import { originAllowed } from "@/server/realtime/hub";
import { createService } from "@/server/services/services/create-service";
import { makeTeam, makeUser, uid } from "../support/factories";
import { BASE, call, sessionCookie } from "../support/http";

let master: { actor: Actor; cookie: string; userId: string };
let serviceId: string;
let serviceKey: string;

beforeAll(async () => {
  const teamId = (await makeTeam()).id;
  const m = await makeUser({ teamId, roles: ["SERVICE_MASTER"] });
  master = { actor: m.actor, userId: m.user.id, cookie: await sessionCookie(m.user.id) };
  const service = await createService(m.actor, { teamId, key: `hard-${uid()}`, name: "Hardening" });
  serviceId = service.id;
  serviceKey = service.key;
});

function rawPost(path: string, body: string, contentType: string | null): Request {
  const headers = new Headers({ cookie: master.cookie, origin: BASE });
  if (contentType) headers.set("content-type", contentType);
  return new Request(new URL(path, BASE), { method: "POST", headers, body });
}

describe("request bodies", () => {
  const path = () => `/api/v1/services/${serviceId}/items`;
  const ctx = () => ({ params: Promise.resolve({ serviceId }) as never });

  it.each([["text/plain"], ["text/plain;charset=UTF-8"], ["application/x-www-form-urlencoded"], [null]])(
    "a JSON body sent as %s is refused with 415 and nothing is written",
    async (type) => {
      const before = await db.workItem.count({ where: { serviceId } });
      const res = await createItemRoute(rawPost(path(), JSON.stringify({ title: "smuggled" }), type), ctx());
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE", message: expect.stringContaining("application/json") } });
      expect(await db.workItem.count({ where: { serviceId } })).toBe(before);
    },
  );

  it("application/json (with a charset) still works", async () => {
    const res = await createItemRoute(rawPost(path(), JSON.stringify({ title: "real" }), "application/json; charset=utf-8"), ctx());
    expect(res.status).toBe(201);
  });
});

describe("unknown API paths", () => {
  it.each([["GET"], ["POST"], ["PUT"], ["PATCH"], ["DELETE"]])("%s /api/v1/<unknown> answers a JSON 404", async (method) => {
    const handler = unmatched[method as "GET"];
    const res = await handler(new Request(new URL("/api/v1/no-such-thing/42", BASE), { method }));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error: { code: "NOT_FOUND", message: expect.stringContaining("/api/v1/no-such-thing/42") } });
  });
});

describe("a database that is away", () => {
  // The errors the drivers throw when the database is restarting, unreachable or out of
  // connections (shapes as @prisma/adapter-pg, pg-pool and better-sqlite3 throw them).
  const cases: Array<[string, unknown]> = [
    ["Prisma: cannot reach the server (P1001)", Object.assign(new Error("Can't reach database server"), { code: "P1001" })],
    ["Prisma: no connection from the pool in time (P2024)", Object.assign(new Error("Timed out fetching a new connection"), { code: "P2024" })],
    [
      "adapter: backend terminated (57P01)",
      Object.assign(new Error("Raw query failed"), {
        code: "P2010",
        meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "postgres", code: "57P01", originalCode: "57P01" } } },
      }),
    ],
    ["adapter: connection closed", Object.assign(new Error("x"), { cause: { kind: "ConnectionClosed" } })],
    ["pg: client not queryable", new Error("Client has encountered a connection error and is not queryable")],
    ["pg-pool: acquire timeout", new Error("timeout exceeded when trying to connect")],
    ["SQLite: busy timeout ran out", Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" })],
  ];

  it.each(cases)("%s answers 503 with Retry-After", async (_name, err) => {
    const res = errorResponse(err, "req-1");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await res.json()).toMatchObject({ error: { code: "UNAVAILABLE" } });
  });

  it("a plain bug is still a 500 without detail", async () => {
    const res = errorResponse(new TypeError("x is undefined"), "req-2");
    expect(res.status).toBe(500);
    expect(res.headers.get("retry-after")).toBeNull();
  });
});

describe("sign-out", () => {
  it("a session cookie captured before sign-out opens nothing afterwards: API, pages and socket handshakes", async () => {
    const { user } = await makeUser({ teamId: (await makeTeam()).id, roles: ["DEVELOPER"] });
    const captured = await sessionCookie(user.id);
    expect(await resolveActor({ cookie: captured })).not.toBeNull();

    // What next-auth runs on POST /api/auth/signout, with the cookie's decoded token.
    const token = await decode({ token: captured.split("=")[1]!, secret: authSecret() });
    await authOptions().events!.signOut!({ token: token!, session: undefined as never });

    // resolveActor is the one check of API routes, pages (currentActor) and socket handshakes.
    expect(await resolveActor({ cookie: captured })).toBeNull();
    const other = await sessionCookie(master.userId);
    const res = await call(wallRoute, "GET", ops.getWall.path, { cookie: captured, params: { serviceId } });
    expect(res.status).toBe(401);
    expect((await call(wallRoute, "GET", ops.getWall.path, { cookie: other, params: { serviceId } })).status).toBe(200);
    expect(await db.auditLog.count({ where: { actorId: user.id, action: "auth.signout" } })).toBe(1);

    // Signing in again gives a working session; a stale copy signing out cannot end it.
    const fresh = await sessionCookie(user.id);
    await authOptions().events!.signOut!({ token: token!, session: undefined as never });
    expect(await resolveActor({ cookie: fresh })).not.toBeNull();
  });

  it("sign-out and sign-in send people back to this server, never to another address", async () => {
    const redirect = authOptions().callbacks!.redirect!;
    const baseUrl = "http://localhost:3000"; // what next-auth assumes without NEXTAUTH_URL
    expect(await redirect({ url: "/signin", baseUrl })).toBe("/signin");
    expect(await redirect({ url: "http://localhost:3000/services/x?y=1", baseUrl })).toBe("/services/x?y=1");
    expect(await redirect({ url: "https://evil.example/phish", baseUrl })).toBe("/");
    expect(await redirect({ url: "//evil.example/phish", baseUrl })).toBe("/");
  });
});

describe("invitation links", () => {
  it("point at the Host the admin's browser used, not at the bind address 0.0.0.0", async () => {
    const admin = await makeUser({ isAdmin: true });
    // Next builds req.url from the bind address (HOSTNAME=0.0.0.0); the browser's Host is the real one.
    const req = new Request("http://0.0.0.0:3302/api/v1/admin/users", {
      method: "POST",
      headers: {
        host: "obeya.lan:3302",
        origin: "http://0.0.0.0:3302",
        cookie: await sessionCookie(admin.user.id),
        "content-type": "application/json",
      },
      body: JSON.stringify({ email: `inv-${uid()}@example.test`, name: "Ina" }),
    });
    const res = await createUserRoute(req, { params: Promise.resolve({}) as never });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.inviteUrl).toMatch(/^http:\/\/obeya\.lan:3302\/invite\/inv_/);
  });
});

describe("socket origin check", () => {
  const evil = { origin: "http://evil.example", host: "obeya.lan:3000", "x-forwarded-host": "evil.example" };

  it("ignores a client-sent X-Forwarded-Host without TRUST_PROXY", () => {
    expect(originAllowed(evil, false)).toBe(false);
    expect(originAllowed({ origin: "http://obeya.lan:3000", host: "obeya.lan:3000" }, false)).toBe(true);
  });

  it("honours it behind a trusted proxy", () => {
    expect(originAllowed(evil, true)).toBe(true);
  });
});

describe("TV links", () => {
  async function outcome(token: string | undefined) {
    try {
      await TvPage({ params: Promise.resolve({ serviceKey }), searchParams: Promise.resolve(token ? { token } : {}) });
      return "rendered";
    } catch (e) {
      return String((e as { digest?: string }).digest ?? e);
    }
  }

  it.each([["an unknown token", "oby_w_not-a-real-token"], ["garbage", "hello"], ["no token", undefined]])(
    "%s answers 404 (the not-found page explains), not a 200 page",
    async (_name, token) => {
      expect(await outcome(token)).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    },
  );
});
