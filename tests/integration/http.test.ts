// The /api/v1 routes as a client sees them: real route handlers, real session cookies, a real
// database; every success body is checked against the OpenAPI document.
import { beforeAll, describe, expect, it } from "vitest";
import * as ops from "@/lib/openapi/operations";
import { db } from "@/server/db";
import { hashToken } from "@/server/auth/request-actor";
import { errorResponse } from "@/server/http/handler";
import { GET as getHealth } from "@/app/api/health/route";
import { GET as getReady } from "@/app/api/ready/route";
import { GET as listServicesRoute, POST as createServiceRoute } from "@/app/api/v1/services/route";
import { GET as wallRoute } from "@/app/api/v1/services/[serviceId]/wall/route";
import { POST as createItemRoute } from "@/app/api/v1/services/[serviceId]/items/route";
import { GET as eventsRoute } from "@/app/api/v1/services/[serviceId]/events/route";
import { POST as moveRoute } from "@/app/api/v1/items/[itemId]/move/route";
import type { Role } from "@/domain/roles";
import { makeTeam, makeUser, uid } from "../support/factories";
import { call, expectContract, sessionCookie } from "../support/http";

let teamId: string;
let master: { cookie: string; userId: string };
let developer: { cookie: string };
let viewer: { cookie: string };
let stranger: { cookie: string };
let service: { id: string; key: string; stageIds: string[] };
let foreignService: { id: string; stageIds: string[] };

async function person(team: string, roles: Role[]) {
  const { user } = await makeUser({ teamId: team, roles });
  return { userId: user.id, cookie: await sessionCookie(user.id) };
}

// Stages without done-criteria or WIP limits: these tests are about the HTTP surface, not the
// rules of flow (tests/integration/flow.test.ts covers those).
const OPEN_STAGES = ["plan", "build", "test", "deploy", "run"].map((key) => ({ key, name: key }));

async function newService(cookie = master.cookie, team = teamId) {
  const res = await call(createServiceRoute, "POST", ops.createService.path, {
    cookie,
    body: { teamId: team, key: `svc-${uid()}`, name: "Web conversion", stages: OPEN_STAGES },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; key: string; name: string; stageIds: string[] };
}

async function newItem(serviceId = service.id, title = "Mobile checkout") {
  const res = await call(createItemRoute, "POST", ops.createItem.path, {
    cookie: master.cookie,
    params: { serviceId },
    body: { title },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number; stageId: string };
}

const counts = async () => ({ items: await db.workItem.count(), events: await db.event.count(), services: await db.service.count() });

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = await person(teamId, ["SERVICE_MASTER"]);
  developer = await person(teamId, ["DEVELOPER"]);
  viewer = await person(teamId, ["VIEWER"]);
  const otherTeam = (await makeTeam()).id;
  stranger = await person(otherTeam, ["SERVICE_MASTER"]);
  service = await newService();
  foreignService = await newService(stranger.cookie, otherTeam);
});

describe("probes", () => {
  it("GET /api/health answers ok with the uptime, without credentials", async () => {
    const res = await call(getHealth, "GET", ops.health.path);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", uptimeSeconds: expect.any(Number), database: expect.stringMatching(/^(ok|not-checked)$/) });
    expectContract(ops.health, 200, res.body);
  });

  it("GET /api/ready is ready when every shipped migration is applied", async () => {
    const res = await call(getReady, "GET", ops.ready.path);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe("ready");
    expect(res.body.database).toBe("reachable");
    expect(res.body.provider).toBe(process.env.TEST_DB ?? "sqlite");
    expect(res.body.migrations.expected).toBeGreaterThan(0);
    expect(res.body.migrations.applied).toBe(res.body.migrations.expected);
    expect(res.body.migrations.missing).toEqual([]);
    expectContract(ops.ready, 200, res.body);
  });

  it("GET /api/ready answers 503 naming the migration that is not applied", async () => {
    const [row] = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      "SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1",
    );
    const name = row!.migration_name;
    // Pretend the newest migration never ran: the database knows it under another name.
    await db.$executeRawUnsafe(`UPDATE _prisma_migrations SET migration_name = 'x_' || migration_name WHERE migration_name = '${name}'`);
    try {
      const res = await call(getReady, "GET", ops.ready.path);
      expect(res.status).toBe(503);
      expect(res.body.status).toBe("unavailable");
      expect(res.body.migrations.missing).toEqual([name]);
      expect(res.body.migrations.unknown).toEqual([`x_${name}`]);
      expectContract(ops.ready, 503, res.body);
    } finally {
      await db.$executeRawUnsafe(`UPDATE _prisma_migrations SET migration_name = '${name}' WHERE migration_name = 'x_${name}'`);
    }
    expect((await call(getReady, "GET", ops.ready.path)).status).toBe(200);
  });

  it("GET /api/ready answers 503 naming a migration that started but never finished", async () => {
    const [row] = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      "SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1",
    );
    const name = row!.migration_name;
    await db.$executeRawUnsafe(`UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = '${name}'`);
    try {
      const res = await call(getReady, "GET", ops.ready.path);
      expect(res.status).toBe(503);
      expect(res.body.migrations.failed).toEqual([name]);
      expect(res.body.migrations.missing).toEqual([name]);
    } finally {
      await db.$executeRawUnsafe(`UPDATE _prisma_migrations SET finished_at = started_at WHERE migration_name = '${name}'`);
    }
    expect((await call(getReady, "GET", ops.ready.path)).status).toBe(200);
  });
});

describe("services", () => {
  it("POST /api/v1/services creates a service with the default stages (201)", async () => {
    const res = await call(createServiceRoute, "POST", ops.createService.path, {
      cookie: master.cookie,
      body: { teamId, key: `web-${uid()}`, name: "Web shop" },
    });
    expect(res.status).toBe(201);
    expect(res.body.stageIds).toHaveLength(11);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expectContract(ops.createService, 201, res.body);
    expect(await db.service.findUnique({ where: { id: res.body.id } })).not.toBeNull();
  });

  it("POST /api/v1/services refuses a duplicate key with 409", async () => {
    const res = await call(createServiceRoute, "POST", ops.createService.path, {
      cookie: master.cookie,
      body: { teamId, key: service.key, name: "Again" },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("CONFLICT");
  });

  it("GET /api/v1/services lists the team's services and not another team's", async () => {
    const res = await call(listServicesRoute, "GET", ops.listServices.path, { cookie: developer.cookie });
    expect(res.status).toBe(200);
    expectContract(ops.listServices, 200, res.body);
    const ids = res.body.services.map((s: { id: string }) => s.id);
    expect(ids).toContain(service.id);
    expect(ids).not.toContain(foreignService.id);
  });
});

describe("wall", () => {
  it("GET /api/v1/services/{serviceId}/wall returns stages, items and seq", async () => {
    const item = await newItem();
    const res = await call(wallRoute, "GET", ops.getWall.path, { cookie: viewer.cookie, params: { serviceId: service.id } });
    expect(res.status).toBe(200);
    expectContract(ops.getWall, 200, res.body);
    expect(res.body.stages.map((s: { id: string }) => s.id)).toEqual(service.stageIds);
    expect(res.body.items.map((i: { id: string }) => i.id)).toContain(item.id);
    const { lastSeq } = await db.service.findUniqueOrThrow({ where: { id: service.id } });
    expect(res.body.seq).toBe(lastSeq);
  });

  it("answers 404 for another team's service, the same as for a missing one", async () => {
    const foreign = await call(wallRoute, "GET", ops.getWall.path, { cookie: master.cookie, params: { serviceId: foreignService.id } });
    const missing = await call(wallRoute, "GET", ops.getWall.path, { cookie: master.cookie, params: { serviceId: "nope" } });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expectContract(ops.getWall, 404, foreign.body);
  });
});

describe("items", () => {
  it("POST /api/v1/services/{serviceId}/items creates an item in the first stage (201)", async () => {
    const res = await call(createItemRoute, "POST", ops.createItem.path, {
      cookie: developer.cookie,
      params: { serviceId: service.id },
      body: { title: "Checkout in one page", kind: "DEFECT", labels: ["web"] },
    });
    expect(res.status).toBe(201);
    expectContract(ops.createItem, 201, res.body);
    expect(res.body).toMatchObject({ title: "Checkout in one page", kind: "DEFECT", stageId: service.stageIds[0], version: 1 });
  });

  it("refuses a viewer with 403 and writes nothing", async () => {
    const before = await counts();
    const res = await call(createItemRoute, "POST", ops.createItem.path, {
      cookie: viewer.cookie,
      params: { serviceId: service.id },
      body: { title: "Not allowed" },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
    expectContract(ops.createItem, 403, res.body);
    expect(await counts()).toEqual(before);
  });

  it("answers 404 when creating an item in another team's service", async () => {
    const before = await counts();
    const res = await call(createItemRoute, "POST", ops.createItem.path, {
      cookie: master.cookie,
      params: { serviceId: foreignService.id },
      body: { title: "Intruder" },
    });
    expect(res.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const res = await call(createItemRoute, "POST", ops.createItem.path, {
      cookie: master.cookie,
      params: { serviceId: service.id },
      body: '{"title": "unterminated',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: "BAD_REQUEST", message: expect.stringMatching(/JSON/) });
    expectContract(ops.createItem, 400, res.body);
  });

  it("answers 400 naming each invalid field, and writes nothing", async () => {
    const before = await counts();
    const res = await call(createItemRoute, "POST", ops.createItem.path, {
      cookie: master.cookie,
      params: { serviceId: service.id },
      body: { title: "   ", kind: "EPIC" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(["kind", "title"]);
    expect(res.body.error.message).toMatch(/Title is required/);
    expect(await counts()).toEqual(before);
  });

  it("answers 400 for an invalid path parameter", async () => {
    const res = await call(createItemRoute, "POST", ops.createItem.path, {
      cookie: master.cookie,
      params: { serviceId: "x".repeat(65) },
      body: { title: "Too long an id" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("serviceId");
  });
});

describe("moves", () => {
  it("POST /api/v1/items/{itemId}/move moves the item and bumps its version", async () => {
    const item = await newItem();
    const res = await call(moveRoute, "POST", ops.moveItem.path, {
      cookie: developer.cookie,
      params: { itemId: item.id },
      body: { toStageId: service.stageIds[1], expectedVersion: 1 },
    });
    expect(res.status).toBe(200);
    expectContract(ops.moveItem, 200, res.body);
    expect(res.body).toMatchObject({ id: item.id, stageId: service.stageIds[1], version: 2 });
  });

  it("refuses a stale version with 409 carrying the current item, and writes nothing", async () => {
    const item = await newItem();
    const first = await call(moveRoute, "POST", ops.moveItem.path, {
      cookie: master.cookie,
      params: { itemId: item.id },
      body: { toStageId: service.stageIds[1], expectedVersion: 1 },
    });
    expect(first.status).toBe(200);
    const before = await counts();
    const stale = await call(moveRoute, "POST", ops.moveItem.path, {
      cookie: developer.cookie,
      params: { itemId: item.id },
      body: { toStageId: service.stageIds[2], expectedVersion: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("VERSION_CONFLICT");
    expect(stale.body.error.details.current).toMatchObject({ id: item.id, version: 2, stageId: service.stageIds[1] });
    expectContract(ops.moveItem, 409, stale.body);
    expect(await counts()).toEqual(before);
    expect((await db.workItem.findUniqueOrThrow({ where: { id: item.id } })).stageId).toBe(service.stageIds[1]);
  });

  it("answers 422 for a stage of another service", async () => {
    const item = await newItem();
    const res = await call(moveRoute, "POST", ops.moveItem.path, {
      cookie: master.cookie,
      params: { itemId: item.id },
      body: { toStageId: foreignService.stageIds[1], expectedVersion: 1 },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("RULE_VIOLATION");
  });

  it("answers 404 for another team's item and leaves it where it was", async () => {
    const foreignItem = await call(createItemRoute, "POST", ops.createItem.path, {
      cookie: stranger.cookie,
      params: { serviceId: foreignService.id },
      body: { title: "Theirs" },
    });
    expect(foreignItem.status).toBe(201);
    const res = await call(moveRoute, "POST", ops.moveItem.path, {
      cookie: master.cookie,
      params: { itemId: foreignItem.body.id },
      body: { toStageId: foreignService.stageIds[1], expectedVersion: 1 },
    });
    expect(res.status).toBe(404);
    expect((await db.workItem.findUniqueOrThrow({ where: { id: foreignItem.body.id } })).version).toBe(1);
  });
});

describe("events", () => {
  it("GET /api/v1/services/{serviceId}/events?after=N returns what came after N, in order", async () => {
    const svc = await newService();
    const item = await newItem(svc.id, "Replayed");
    await call(moveRoute, "POST", ops.moveItem.path, {
      cookie: master.cookie,
      params: { itemId: item.id },
      body: { toStageId: svc.stageIds[1], expectedVersion: 1 },
    });
    const res = await call(eventsRoute, "GET", ops.listEvents.path, {
      cookie: viewer.cookie,
      params: { serviceId: svc.id },
      query: { after: "1" },
    });
    expect(res.status).toBe(200);
    expectContract(ops.listEvents, 200, res.body);
    expect(res.body.kind).toBe("events");
    expect(res.body.events.map((e: { seq: number; type: string }) => [e.seq, e.type])).toEqual([
      [2, "item.created"],
      [3, "item.moved"],
    ]);
    expect(res.body.lastSeq).toBe(3);
  });

  it("tells a client that names an unknown sequence to reload", async () => {
    const res = await call(eventsRoute, "GET", ops.listEvents.path, {
      cookie: master.cookie,
      params: { serviceId: service.id },
      query: { after: "999999" },
    });
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe("reload");
    expectContract(ops.listEvents, 200, res.body);
  });

  it("answers 400 naming `after` when it is missing or not a number", async () => {
    const queries: Record<string, string>[] = [{}, { after: "abc" }, { after: "-1" }];
    for (const query of queries) {
      const res = await call(eventsRoute, "GET", ops.listEvents.path, { cookie: master.cookie, params: { serviceId: service.id }, query });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe("after");
    }
  });

  it("answers 404 for another team's service before reading any event", async () => {
    const res = await call(eventsRoute, "GET", ops.listEvents.path, {
      cookie: master.cookie,
      params: { serviceId: foreignService.id },
      query: { after: "0" },
    });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toMatch(/service\.created/);
  });
});

describe("authentication", () => {
  const routes: { handler: unknown; op: ops.Operation; params: Record<string, string> }[] = [
    { handler: listServicesRoute, op: ops.listServices, params: {} },
    { handler: createServiceRoute, op: ops.createService, params: {} },
    { handler: wallRoute, op: ops.getWall, params: { serviceId: "any" } },
    { handler: createItemRoute, op: ops.createItem, params: { serviceId: "any" } },
    { handler: moveRoute, op: ops.moveItem, params: { itemId: "any" } },
    { handler: eventsRoute, op: ops.listEvents, params: { serviceId: "any" } },
  ];

  it.each(routes.map((r) => [`${r.op.method} ${r.op.path}`, r] as const))("%s answers 401 without a session", async (_, r) => {
    const res = await call(r.handler, r.op.method, r.op.path, { params: r.params, query: { after: "0" }, body: {} });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
    expectContract(r.op, 401, res.body);
  });

  it("answers 401 for a forged cookie and for a session revoked by a sessionVersion bump", async () => {
    const forged = await call(listServicesRoute, "GET", ops.listServices.path, { cookie: "next-auth.session-token=eyJhbGciOiJub25lIn0.e30." });
    expect(forged.status).toBe(401);
    const p = await person(teamId, ["DEVELOPER"]);
    expect((await call(listServicesRoute, "GET", ops.listServices.path, { cookie: p.cookie })).status).toBe(200);
    await db.user.update({ where: { id: p.userId }, data: { sessionVersion: { increment: 1 } } });
    expect((await call(listServicesRoute, "GET", ops.listServices.path, { cookie: p.cookie })).status).toBe(401);
  });

  it("accepts an API token scoped to one service, and only there", async () => {
    const secret = `oby_${uid()}${uid()}`;
    await db.accessToken.create({
      data: { kind: "API", serviceId: service.id, name: "ci", tokenHash: hashToken(secret), scopes: ["service.view", "item.create"] },
    });
    const auth = { authorization: `Bearer ${secret}` };
    const created = await call(createItemRoute, "POST", ops.createItem.path, {
      headers: auth,
      origin: null,
      params: { serviceId: service.id },
      body: { title: "From the pipeline" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const other = await newService();
    const elsewhere = await call(createItemRoute, "POST", ops.createItem.path, {
      headers: auth,
      origin: null,
      params: { serviceId: other.id },
      body: { title: "Not its service" },
    });
    expect(elsewhere.status).toBe(404);
  });
});

describe("request forgery and header tricks", () => {
  it("refuses a cross-origin POST with 403 and writes nothing", async () => {
    const before = await counts();
    const res = await call(createItemRoute, "POST", ops.createItem.path, {
      cookie: master.cookie,
      origin: "https://evil.example",
      params: { serviceId: service.id },
      body: { title: "Forged" },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
    expect(await counts()).toEqual(before);
    expect(await db.workItem.count({ where: { title: "Forged" } })).toBe(0);
  });

  it("refuses a cross-site form post without Origin (Sec-Fetch-Site: cross-site)", async () => {
    const before = await counts();
    const res = await call(createServiceRoute, "POST", ops.createService.path, {
      cookie: master.cookie,
      origin: null,
      headers: { "sec-fetch-site": "cross-site" },
      body: { teamId, key: `forged-${uid()}`, name: "Forged" },
    });
    expect(res.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("x-middleware-subrequest changes nothing: still 401 without a session, still 403 for a viewer", async () => {
    const trick = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };
    const before = await counts();
    const anonymous = await call(createItemRoute, "POST", ops.createItem.path, {
      headers: trick,
      params: { serviceId: service.id },
      body: { title: "Sneaky" },
    });
    expect(anonymous.status).toBe(401);
    const asViewer = await call(createItemRoute, "POST", ops.createItem.path, {
      cookie: viewer.cookie,
      headers: trick,
      params: { serviceId: service.id },
      body: { title: "Sneaky" },
    });
    expect(asViewer.status).toBe(403);
    const read = await call(wallRoute, "GET", ops.getWall.path, { headers: trick, params: { serviceId: service.id } });
    expect(read.status).toBe(401);
    expect(await counts()).toEqual(before);
  });
});

describe("unexpected errors", () => {
  it("answer a generic 500 without the message or the stack", async () => {
    const res = errorResponse(new Error("connection string postgres://secret@db"), "req-1");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "INTERNAL", message: expect.any(String) } });
    expect(text).not.toMatch(/secret|at .*\.ts/);
    expectContract(ops.createItem, 500, JSON.parse(text));
  });
});
