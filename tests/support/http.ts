// Calls exported Next.js route handlers directly with real Requests (no server process),
// authenticated by a real next-auth session cookie, and checks answers against the contract.
import { Ajv2020 } from "ajv/dist/2020";
import { encode } from "next-auth/jwt";
import { expect } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import type { Operation } from "@/lib/openapi/operations";
import { db } from "@/server/db";
import { authSecret } from "@/server/env";

export const BASE = "http://localhost:3000";
export const SESSION_COOKIE = "next-auth.session-token";

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

/** A session cookie exactly as next-auth would set it after sign-in (claims uid, sv). */
export async function sessionCookie(userId: string): Promise<string> {
  const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  const token = await encode({ token: { uid: userId, sv: sessionVersion }, secret: authSecret() });
  return `${SESSION_COOKIE}=${token}`;
}

export type CallOptions = {
  params?: Record<string, string>;
  query?: Record<string, string>;
  cookie?: string;
  // A raw string is sent as is (for bad JSON); anything else is JSON-encoded.
  body?: unknown;
  headers?: Record<string, string>;
  // Browsers send Origin on every POST; null sends none.
  origin?: string | null;
};

export function buildRequest(method: string, path: string, opts: CallOptions = {}): Request {
  const url = new URL(path, BASE);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers(opts.headers);
  if (opts.cookie) headers.set("cookie", opts.cookie);
  const origin = opts.origin === undefined ? BASE : opts.origin;
  if (origin && method !== "GET") headers.set("origin", origin);
  let body: string | undefined;
  if (opts.body !== undefined && method !== "GET" && method !== "HEAD") {
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    headers.set("content-type", "application/json");
  }
  return new Request(url, { method, headers, body });
}

/** Path with `{name}` filled from params, as Next would route it. */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? `missing-${name}`));
}

export async function call(
  handler: unknown,
  method: string,
  pathTemplate: string,
  opts: CallOptions = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const req = buildRequest(method, fillPath(pathTemplate, opts.params), opts);
  const res = await (handler as Handler)(req, { params: Promise.resolve((opts.params ?? {}) as never) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // left as text: the assertions will say so
  }
  return { status: res.status, body, headers: res.headers };
}

let contract: { doc: Record<string, any>; ajv: Ajv2020 } | undefined;

function getContract() {
  if (!contract) {
    const doc = buildOpenApiDocument() as Record<string, any>;
    // strict: false — the wrapper carries `components` beside the schema so #/components refs resolve.
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    contract = { doc, ajv };
  }
  return contract;
}

/** Asserts the body is exactly what the OpenAPI document promises for this operation and status. */
export function expectContract(op: Operation, status: number, body: unknown): void {
  const { doc, ajv } = getContract();
  const response = doc.paths[op.path]?.[op.method.toLowerCase()]?.responses?.[String(status)];
  expect(response, `${op.method} ${op.path} documents no ${status} response`).toBeDefined();
  const schema = response.content["application/json"].schema;
  const validate = ajv.compile({ ...schema, components: doc.components });
  const ok = validate(body);
  expect(ok, `${op.method} ${op.path} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}
