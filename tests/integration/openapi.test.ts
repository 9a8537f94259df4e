// The contract cannot drift from the code: every route file under src/app/api/v1 is bound to
// an operation of the registry, the document lists each one, and it validates as OpenAPI 3.1.
import { readdirSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { MUTATING_METHODS, OPERATIONS, type HttpMethod, type Operation } from "@/lib/openapi/operations";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { call, expectContract } from "../support/http";

const API_ROOT = path.resolve("src/app/api");
const METHODS: HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
// Mutations whose credential is in the body (an invitation secret), named here one by one so a
// new open door is a deliberate, reviewed choice; tests/integration/http-identity.test.ts covers them.
const PUBLIC_MUTATIONS = new Set(["POST /api/v1/invites/accept"]);

type RouteFile = { file: string; path: string; handlers: { method: HttpMethod; handler: unknown }[] };

function findRouteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return findRouteFiles(full);
    return /^route\.(ts|tsx|js)$/.test(e.name) ? [full] : [];
  });
}

/** The URL template Next serves a route file at: `[serviceId]` → `{serviceId}`, `(group)` dropped. */
function urlTemplate(file: string): string {
  const segments = path
    .relative(path.resolve("src/app"), path.dirname(file))
    .split(path.sep)
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[(\w+)\]$/, "{$1}"));
  return `/${segments.join("/")}`;
}

async function loadRoutes(dir: string): Promise<RouteFile[]> {
  const files = findRouteFiles(dir);
  return Promise.all(
    files.map(async (file) => {
      const mod = (await import(file)) as Record<string, unknown>;
      const handlers = METHODS.filter((m) => typeof mod[m] === "function").map((method) => ({ method, handler: mod[method] }));
      return { file: path.relative(process.cwd(), file), path: urlTemplate(file), handlers };
    }),
  );
}

function operationOf(handler: unknown): Operation | undefined {
  return (handler as { operation?: Operation }).operation;
}

function dummyParams(template: string): Record<string, string> {
  return Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, `missing-${name}`]));
}

describe("route files and the registry", async () => {
  const v1Routes = await loadRoutes(path.join(API_ROOT, "v1"));
  const probeRoutes = [...(await loadRoutes(path.join(API_ROOT, "health"))), ...(await loadRoutes(path.join(API_ROOT, "ready")))];
  const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, unknown>> };

  it("finds the /api/v1 route files (the walk itself works)", () => {
    expect(v1Routes.length).toBeGreaterThanOrEqual(6);
    expect(v1Routes.map((r) => r.path)).toContain("/api/v1/services/{serviceId}/wall");
  });

  it("binds every exported handler to the registry operation of its own path and method, listed in the document", () => {
    const problems: string[] = [];
    for (const route of [...v1Routes, ...probeRoutes]) {
      if (route.handlers.length === 0) problems.push(`${route.file}: exports no HTTP method`);
      for (const { method, handler } of route.handlers) {
        const op = operationOf(handler);
        if (!op) {
          problems.push(`${route.file}: ${method} is not bound to an operation (use operationRoute)`);
          continue;
        }
        if (op.method !== method || op.path !== route.path) {
          problems.push(`${route.file}: ${method} ${route.path} is bound to ${op.method} ${op.path}`);
        }
        if (!OPERATIONS.includes(op)) problems.push(`${route.file}: ${method} uses an operation missing from OPERATIONS`);
        if (!doc.paths[route.path]?.[method.toLowerCase()]) {
          problems.push(`${route.file}: ${method} ${route.path} is missing from the OpenAPI document`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("has a route for every operation the document promises", () => {
    const served = new Set([...v1Routes, ...probeRoutes].flatMap((r) => r.handlers.map((h) => `${h.method} ${r.path}`)));
    const promised = OPERATIONS.map((op) => `${op.method} ${op.path}`);
    expect(promised.filter((p) => !served.has(p))).toEqual([]);
    const documented = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual([...promised].sort());
  });

  it("every mutating route requires credentials", () => {
    const open = v1Routes.flatMap((r) =>
      r.handlers.filter((h) => MUTATING_METHODS.includes(h.method) && !operationOf(h.handler)?.auth).map((h) => `${h.method} ${r.path}`),
    );
    expect(open.filter((o) => !PUBLIC_MUTATIONS.has(o))).toEqual([]);
  });

  it("every mutating route answers 401 without a session, and every other authenticated one too", async () => {
    const answers: string[] = [];
    for (const route of v1Routes) {
      for (const { method, handler } of route.handlers) {
        const op = operationOf(handler);
        if (!op?.auth && (!MUTATING_METHODS.includes(method) || PUBLIC_MUTATIONS.has(`${method} ${route.path}`))) continue;
        const res = await call(handler, method, route.path, { params: dummyParams(route.path), body: {}, query: { after: "0" } });
        if (res.status !== 401) answers.push(`${method} ${route.path} answered ${res.status}`);
        else if (op) expectContract(op, 401, res.body);
      }
    }
    expect(answers).toEqual([]);
  });
});

describe("the OpenAPI document", () => {
  const doc = buildOpenApiDocument() as Record<string, any>;

  it("validates against the official OpenAPI 3.1 schema, with every $ref resolvable", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(() => validator.resolveRefs()).not.toThrow();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it("gives every operation a unique operationId, a success response, and a declared parameter for each path placeholder", () => {
    const ids = new Set<string>();
    for (const [p, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      const placeholders = [...p.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
      for (const [method, op] of Object.entries(item)) {
        expect(ids.has(op.operationId), `${op.operationId} twice`).toBe(false);
        ids.add(op.operationId);
        const statuses = Object.keys(op.responses);
        expect(statuses.some((s) => /^2\d\d$/.test(s)), `${method} ${p} has no success response`).toBe(true);
        expect(statuses, `${method} ${p}`).toContain("500");
        const pathParams = op.parameters.filter((x: { in: string }) => x.in === "path").map((x: { name: string }) => x.name);
        expect(pathParams.sort(), `${method} ${p}`).toEqual([...placeholders].sort());
        if (op.security?.length !== 0) expect(statuses, `${method} ${p}`).toContain("401");
      }
    }
  });

  it("describes the error body, the move conflict, and both security schemes", () => {
    expect(doc.components.schemas.Error.properties.error.required).toEqual(["code", "message"]);
    const conflict = doc.paths["/api/v1/items/{itemId}/move"].post.responses["409"].content["application/json"].schema;
    expect(conflict.$ref).toBe("#/components/schemas/VersionConflictError");
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie", name: "next-auth.session-token" });
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.paths["/api/health"].get.security).toEqual([]);
  });

  it("describes request bodies as clients send them: fields with defaults are optional", () => {
    expect(doc.components.schemas.CreateItemRequest.required).toEqual(["title"]);
    expect([...doc.components.schemas.MoveItemRequest.required].sort()).toEqual(["expectedVersion", "toStageId"]);
    const events = doc.paths["/api/v1/services/{serviceId}/events"].get.parameters;
    expect(events).toContainEqual(expect.objectContaining({ name: "after", in: "query", required: true }));
  });

  it("refuses to give one schema name two shapes", () => {
    const A = z.object({ a: z.string() }).meta({ id: "Clash" });
    const B = z.object({ b: z.number() }).meta({ id: "Clash" });
    const op = (operationId: string, path: string, schema: z.ZodType): Operation => ({
      operationId,
      method: "GET",
      path,
      summary: operationId,
      tags: [],
      auth: false,
      responses: { 200: { description: "ok", schema } },
    });
    expect(() => buildOpenApiDocument([op("a", "/a", A), op("b", "/b", B)])).toThrow(/Clash/);
  });

  it("is served at GET /api/v1/openapi.json without credentials", async () => {
    const res = await call(openApiRoute, "GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
