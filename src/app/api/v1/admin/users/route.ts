// GET /api/v1/admin/users — every user with their team roles (admins only)
// POST /api/v1/admin/users — create or invite a user; the invitation link is answered once
import { adminCreateUser, adminListUsers } from "@/lib/openapi/operations";
import { env } from "@/server/env";
import { operationRoute } from "@/server/http/operation-route";
import { publicOrigin } from "@/server/http/public-origin";
import { createUser } from "@/server/services/users/create-user";
import { listUsers } from "@/server/services/users/list-users";

export const GET = operationRoute(adminListUsers, async ({ actor }) => ({
  status: 200,
  body: { users: await listUsers(actor) },
}));

export const POST = operationRoute(adminCreateUser, async ({ actor, body, req }) => {
  const { user, inviteSecret } = await createUser(actor, body);
  // The link points at the address people use: NEXTAUTH_URL, else the Host the admin's browser used.
  const base = publicOrigin(req, { publicUrl: env.NEXTAUTH_URL, trustProxy: env.TRUST_PROXY });
  const inviteUrl = inviteSecret ? new URL(`/invite/${encodeURIComponent(inviteSecret)}`, base).toString() : null;
  return { status: 201, body: { user, inviteUrl } };
});
