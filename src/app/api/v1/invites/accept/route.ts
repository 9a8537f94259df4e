// POST /api/v1/invites/accept — an invited person sets their password (the invitation secret is the credential)
import { acceptInvite } from "@/lib/openapi/operations";
import { assertSameOrigin } from "@/server/http/handler";
import { publicOperationRoute } from "@/server/http/operation-route";
import { acceptInvite as acceptInviteUseCase } from "@/server/services/users/accept-invite";

// Public, so withActor's origin check does not run: do it here, before the password is read.
export const POST = publicOperationRoute(acceptInvite, async ({ req, body }) => {
  assertSameOrigin(req);
  return { status: 200, body: await acceptInviteUseCase(body) };
});
