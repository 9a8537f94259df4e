// POST /api/v1/invites/accept — an invited person sets their password (the invitation secret is the credential)
import { randomUUID } from "node:crypto";
import { acceptInvite } from "@/lib/openapi/operations";
import { assertSameOrigin, errorResponse } from "@/server/http/handler";
import { publicOperationRoute } from "@/server/http/operation-route";
import { acceptInvite as acceptInviteUseCase } from "@/server/services/users/accept-invite";

const route = publicOperationRoute(acceptInvite, async ({ body }) => ({ status: 200, body: await acceptInviteUseCase(body) }));

// Public, so withActor's origin check does not run: refuse another site's form before the body is read.
export const POST = Object.assign(
  async (req: Request, ctx: Parameters<typeof route>[1]): Promise<Response> => {
    try {
      assertSameOrigin(req);
    } catch (e) {
      return errorResponse(e, req.headers.get("x-request-id") ?? randomUUID());
    }
    return route(req, ctx);
  },
  { operation: acceptInvite },
);
