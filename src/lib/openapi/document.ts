// Renders the OpenAPI 3.1 document from the operation registry with zod 4's own JSON Schema
// output (draft 2020-12, the dialect OpenAPI 3.1 uses). Schemas named with `.meta({ id })`
// become shared components; request bodies are described as clients send them (io: "input",
// so fields with defaults are optional), responses as the server sends them.
import { z } from "zod";
import { ZErrorBody } from "@/lib/schemas/http";
import { MUTATING_METHODS, OPERATIONS, type Operation } from "./operations";

type JsonObject = Record<string, unknown>;

export const SESSION_COOKIE = "next-auth.session-token";

const STANDARD_ERRORS: Record<number, string> = {
  400: "The body is not valid JSON, or a field is invalid: the message says so in words; `details.issues` names each field by `path` (dotted, list entries from 0), zod `code` and `message` (to show next to the field)",
  401: "No valid session cookie or API token",
  403: "Not allowed here, or a cross-site request",
  404: "Not found, or not yours (the two look alike)",
  409: "Conflict with the current state",
  422: "The request breaks a domain rule",
  429: "Too many requests: retry later",
  415: "The body must be sent as application/json",
  500: "Unexpected error; it has been logged, and the body carries no detail",
  503: "The database is unreachable for now: retry after the Retry-After header's seconds",
};

class SchemaCollector {
  readonly components: Record<string, JsonObject> = {};
  private readonly serialized = new Map<string, string>();

  /** A JSON Schema for `schema`, with named sub-schemas moved to components and referenced. */
  add(schema: z.ZodType, io: "input" | "output"): JsonObject {
    const raw = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "throw" }) as JsonObject;
    const { $schema: _dialect, $defs, ...rest } = raw;
    void _dialect;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonObject>)) {
      const component = rewriteRefs(def) as JsonObject;
      const text = JSON.stringify(component);
      const seen = this.serialized.get(id);
      // One name, one shape: the same id used as both input and output with different
      // shapes would make the document lie about one of them.
      if (seen !== undefined && seen !== text) {
        throw new Error(`OpenAPI: schema "${id}" has different shapes where it is used (input vs output?)`);
      }
      this.serialized.set(id, text);
      this.components[id] = component;
    }
    return rewriteRefs(rest) as JsonObject;
  }
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === "object") {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === "$ref" && typeof v === "string" ? v.replace(/^#\/\$defs\//, "#/components/schemas/") : rewriteRefs(v);
    }
    return out;
  }
  return value;
}

function parameters(collector: SchemaCollector, schema: z.ZodObject | undefined, where: "path" | "query") {
  if (!schema) return [];
  const json = collector.add(schema, "input");
  const props = (json.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(props).map(([name, prop]) => {
    const { description, ...propSchema } = prop;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: propSchema,
    };
  });
}

function errorStatuses(op: Operation): number[] {
  const statuses = new Set<number>(Object.keys(op.errors ?? {}).map(Number));
  if (op.auth) statuses.add(401);
  if (op.body || op.params || op.query) statuses.add(400);
  if (MUTATING_METHODS.includes(op.method)) statuses.add(403);
  if (op.body) statuses.add(415);
  statuses.add(500);
  statuses.add(503);
  // A status the operation answers with its own body (the probes' 503) is not an error here.
  return [...statuses].filter((s) => !(s in op.responses)).sort((a, b) => a - b);
}

function operationObject(collector: SchemaCollector, op: Operation): JsonObject {
  const responses: JsonObject = {};
  for (const [status, spec] of Object.entries(op.responses)) {
    responses[status] = {
      description: spec.description,
      content: { "application/json": { schema: collector.add(spec.schema, "output") } },
    };
  }
  for (const status of errorStatuses(op)) {
    const spec = op.errors?.[status];
    responses[String(status)] = {
      description: spec?.description ?? STANDARD_ERRORS[status] ?? "Error",
      content: { "application/json": { schema: collector.add(spec?.schema ?? ZErrorBody, "output") } },
    };
  }
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [...op.tags],
    ...(op.auth ? {} : { security: [] }),
    parameters: [...parameters(collector, op.params, "path"), ...parameters(collector, op.query, "query")],
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: collector.add(op.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

export function buildOpenApiDocument(operations: readonly Operation[] = OPERATIONS, version = "0.1.0"): JsonObject {
  const collector = new SchemaCollector();
  const paths: Record<string, JsonObject> = {};
  for (const op of operations) {
    const item = (paths[op.path] ??= {});
    const method = op.method.toLowerCase();
    if (item[method]) throw new Error(`OpenAPI: ${op.method} ${op.path} is defined twice`);
    item[method] = operationObject(collector, op);
  }
  return {
    openapi: "3.1.1",
    info: {
      title: "Obeya API",
      version,
      description:
        "The HTTP contract of Obeya, a digital war room for DevOps teams. Every change goes through the same " +
        "service functions as the web pages; errors are JSON `{ error: { code, message, details? } }`.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/" }],
    security: [{ sessionCookie: [] }, { bearerToken: [] }],
    tags: [
      { name: "services", description: "IT services and their Obeyas" },
      { name: "walls", description: "Snapshots of the walls" },
      { name: "items", description: "Work items" },
      { name: "events", description: "The per-service event sequence" },
      { name: "operations", description: "Probes for load balancers and orchestrators" },
      { name: "meta", description: "This contract" },
    ],
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(collector.components).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: SESSION_COOKIE,
          description:
            "The next-auth session of a signed-in person (`__Secure-next-auth.session-token` over HTTPS). " +
            "State-changing requests with a cookie must come from an allowed Origin.",
        },
        bearerToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "oby_…",
          description: "An API token scoped to one service, created by a Service Master",
        },
      },
    },
  };
}
