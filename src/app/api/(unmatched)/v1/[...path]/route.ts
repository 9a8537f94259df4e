// GET, POST, PUT, PATCH, DELETE /api/v1/<anything not routed> — a JSON 404, not Next's HTML page.
// Next tries every real route first: a catch-all only gets what nothing else matched. It lives
// in a route group so that it is not under src/app/api/v1, where every route file must be an
// operation of the registry (tests/integration/openapi.test.ts).
import { randomUUID } from "node:crypto";
import { json } from "@/server/http/handler";

export const dynamic = "force-dynamic";

function notFound(req: Request): Response {
  const path = new URL(req.url).pathname;
  return json(
    { error: { code: "NOT_FOUND", message: `There is no API at ${req.method} ${path}. The operations are listed at /api/v1/openapi.json.` } },
    404,
    { "x-request-id": req.headers.get("x-request-id") ?? randomUUID(), "cache-control": "no-store" },
  );
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
