import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/domain/permissions";
import { AppError, isAppError, type ErrorBody } from "@/lib/errors";
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

export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text) return {};
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
