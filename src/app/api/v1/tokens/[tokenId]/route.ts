// DELETE /api/v1/tokens/{tokenId} — revoke a token: its requests fail and its sockets are cut at once
import { revokeAccessToken } from "@/lib/openapi/operations";
import { operationRoute } from "@/server/http/operation-route";
import { revokeAccessToken as revokeAccessTokenUseCase } from "@/server/services/tokens/revoke-access-token";

export const DELETE = operationRoute(revokeAccessToken, async ({ actor, params }) => ({
  status: 200,
  body: await revokeAccessTokenUseCase(actor, params.tokenId),
}));
