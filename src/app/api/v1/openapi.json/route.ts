// GET /api/v1/openapi.json — the OpenAPI 3.1 contract, rendered from the operation registry
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { openApiDocument } from "@/lib/openapi/operations";
import { publicOperationRoute } from "@/server/http/operation-route";

// The registry is fixed at build time: render once per process.
let document: Record<string, unknown> | undefined;

export const GET = publicOperationRoute(openApiDocument, async () => {
  document ??= buildOpenApiDocument();
  return { status: 200, body: document };
});
