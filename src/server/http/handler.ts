import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/domain/permissions";
import { AppError, isAppError, type ErrorBody } from "@/lib/errors";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "@/server/db-errors";
import { allowedOrigins } from "@/server/env";
import { log } from "@/server/log";
import { resolveActor } from "@/server/auth/request-actor";

type RouteContext<P> = { params: Promise<P> };

export type AuthedHandler<P> = (args: { req: Request; actor: Actor; params: P; requestId: string }) => Promise<Response>;

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

export function errorResponse(e: unknown, requestId: string): Response {
  if (isAppError(e)) {
    const body: ErrorBody = { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } };
    return json(body, e.status, { "x-request-id": requestId });
  }
  if (isDatabaseUnavailable(e)) {
    // The database is away (restart, failover, cut connections): say so and when to retry,
    // instead of a 500. The pool reconnects by itself (db-pg-pool.ts, decision 008).
    log.warn({ err: e instanceof Error ? e.message : String(e), requestId }, "database unavailable");
    return json(
      { error: { code: "UNAVAILABLE", message: "The database cannot be reached right now. Try again in a few seconds." } },
      503,
      { "x-request-id": requestId, "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) },
    );
  }
  log.error({ err: e, requestId }, "unexpected error");
  return json({ error: { code: "INTERNAL", message: "Something went wrong. It has been logged." } }, 500, {
    "x-request-id": requestId,
  });
}

/**
 * State-changing requests must come from one of our origins (or carry no Origin at all, as
 * machines with API tokens do): a cross-site form post is refused before anything runs.
 */
export function assertSameOrigin(req: Request): void {
  if (!MUTATING.has(req.method)) return;
  const origin = req.headers.get("origin");
  const hasBearer = /^Bearer\s/i.test(req.headers.get("authorization") ?? "");
  if (origin === null) {
    // Browsers always send Origin on cross-site POST; a cookie-authenticated request
    // without one is allowed only when Sec-Fetch-Site says it is ours.
    const site = req.headers.get("sec-fetch-site");
    if (!hasBearer && site && site !== "same-origin" && site !== "none") {
      throw new AppError("FORBIDDEN", "Cross-site request refused.");
    }
    return;
  }
  const self = new URL(req.url).origin;
  if (origin !== self && !allowedOrigins().includes(origin)) {
    throw new AppError("FORBIDDEN", "Cross-site request refused.");
  }
}

/**
 * The body as JSON. It must say so: text/plain (or a form) is what a cross-site page can post
 * without a CORS preflight, so anything but application/json (or a +json type) is 415.
 */
export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text) return {};
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json" && !/^application\/[\w.+-]+\+json$/.test(type)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON, with Content-Type: application/json.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
}

/**
 * The one gate of every /api/v1 route: request id, origin check, authentication (401),
 * typed errors to JSON. Authorisation itself happens in the service function (403/404).
 */
export function withActor<P = Record<string, never>>(handler: AuthedHandler<P>) {
  return async (req: Request, ctx: RouteContext<P>): Promise<Response> => {
    const requestId = req.headers.get("x-request-id") ?? randomUUID();
    const started = performance.now();
    let res: Response;
    try {
      assertSameOrigin(req);
      const actor = await resolveActor({ cookie: req.headers.get("cookie"), authorization: req.headers.get("authorization") });
      if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in, or send a valid API token.");
      res = await handler({ req, actor, params: (await ctx.params) ?? ({} as P), requestId });
      res.headers.set("x-request-id", requestId);
    } catch (e) {
      res = errorResponse(e, requestId);
    }
    log.info(
      { requestId, method: req.method, path: new URL(req.url).pathname, status: res.status, ms: Math.round(performance.now() - started) },
      "request",
    );
    return res;
  };
}
