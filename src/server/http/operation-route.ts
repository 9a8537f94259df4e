import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Actor } from "@/domain/permissions";
import type { Operation } from "@/lib/openapi/operations";
import { log } from "@/server/log";
import { parseInput } from "@/server/services/parse-input";
import { errorResponse, json, readJson, withActor } from "./handler";

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;
// Next.js hands every path segment over as a string; the schema narrows it (an enum, a number).
type RawParams<O extends Operation> = O["params"] extends z.ZodType
  ? { [K in keyof z.input<O["params"]>]: string }
  : Record<string, never>;

/** What a handler may answer: one of the operation's declared statuses with its body type. */
export type OperationResult<O extends Operation> = {
  [S in keyof O["responses"] & number]: { status: S; body: z.input<O["responses"][S]["schema"]> };
}[keyof O["responses"] & number];

export type OperationArgs<O extends Operation> = {
  req: Request;
  requestId: string;
  params: Out<O["params"]>;
  query: Out<O["query"]>;
  body: Out<O["body"]>;
};

/** A Next.js route handler that remembers its operation, so tests can check the two agree. */
export type OperationRouteHandler<O extends Operation> = ((
  req: Request,
  ctx: { params: Promise<RawParams<O>> },
) => Promise<Response>) & { operation: O };

async function parseRequest<O extends Operation>(op: O, req: Request, rawParams: unknown) {
  const params = op.params ? parseInput(op.params, rawParams ?? {}) : {};
  const query = op.query ? parseInput(op.query, Object.fromEntries(new URL(req.url).searchParams)) : {};
  const body = op.body ? parseInput(op.body, await readJson(req)) : {};
  return { params, query, body } as Pick<OperationArgs<O>, "params" | "query" | "body">;
}

/**
 * Binds an authenticated operation of the registry to its route: `withActor` (request id,
 * origin check, 401), then path, query and body parsed with the operation's own schemas.
 */
export function operationRoute<O extends Operation & { auth: true }>(
  op: O,
  handle: NoInfer<(args: OperationArgs<O> & { actor: Actor }) => Promise<OperationResult<O>>>,
): OperationRouteHandler<O> {
  const route = withActor<RawParams<O>>(async ({ req, actor, params, requestId }) => {
    const parsed = await parseRequest(op, req, params);
    const { status, body } = await handle({ req, requestId, actor, ...parsed });
    return json(body, status);
  });
  return Object.assign(route, { operation: op });
}

/** Binds an operation that answers without credentials (probes, the contract itself). */
export function publicOperationRoute<O extends Operation & { auth: false }>(
  op: O,
  handle: NoInfer<(args: OperationArgs<O>) => Promise<OperationResult<O>>>,
): OperationRouteHandler<O> {
  const route = async (req: Request, ctx: { params: Promise<RawParams<O>> }): Promise<Response> => {
    const requestId = req.headers.get("x-request-id") ?? randomUUID();
    let res: Response;
    try {
      const parsed = await parseRequest(op, req, await ctx?.params);
      const { status, body } = await handle({ req, requestId, ...parsed });
      res = json(body, status, { "x-request-id": requestId, "cache-control": "no-store" });
    } catch (e) {
      res = errorResponse(e, requestId);
    }
    log.debug({ requestId, method: req.method, path: new URL(req.url).pathname, status: res.status }, "request");
    return res;
  };
  return Object.assign(route, { operation: op });
}
