// GET /api/v1/services/{serviceId}/tokens — the service's API and wall-display tokens, never their secrets
// POST /api/v1/services/{serviceId}/tokens — create an API or wall-display token; the secret is answered once
import { createAccessToken, listAccessTokens } from "@/lib/openapi/operations";
import { operationRoute } from "@/server/http/operation-route";
import { createAccessToken as createAccessTokenUseCase } from "@/server/services/tokens/create-access-token";
import { listAccessTokens as listAccessTokensUseCase } from "@/server/services/tokens/list-access-tokens";
import { toScopes } from "@/server/services/tokens/token-dto";

export const GET = operationRoute(listAccessTokens, async ({ actor, params }) => {
  const rows = await listAccessTokensUseCase(actor, params.serviceId);
  return { status: 200, body: { tokens: rows.map((t) => ({ ...t, kind: t.kind as "API" | "WALL", scopes: toScopes(t.scopes) })) } };
});

export const POST = operationRoute(createAccessToken, async ({ actor, params, body }) => {
  const { token, secret } = await createAccessTokenUseCase(actor, params.serviceId, body);
  return {
    status: 201,
    body: {
      token: { ...token, kind: token.kind as "API" | "WALL", scopes: toScopes(token.scopes), createdAt: token.createdAt.toISOString() },
      secret,
    },
  };
});
