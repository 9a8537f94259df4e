// GET /api/v1/admin/users — every user with their team roles (admins only)
// POST /api/v1/admin/users — create or invite a user; the invitation link is answered once
import { adminCreateUser, adminListUsers } from "@/lib/openapi/operations";
import { env } from "@/server/env";
import { operationRoute } from "@/server/http/operation-route";
import { createUser } from "@/server/services/users/create-user";
import { listUsers } from "@/server/services/users/list-users";

export const GET = operationRoute(adminListUsers, async ({ actor }) => ({
  status: 200,
  body: { users: await listUsers(actor) },
}));

export const POST = operationRoute(adminCreateUser, async ({ actor, body, req }) => {
  const { user, inviteSecret } = await createUser(actor, body);
  // The link points at the address people use (NEXTAUTH_URL behind a proxy), else the request's own.
  const base = env.NEXTAUTH_URL ?? new URL(req.url).origin;
  const inviteUrl = inviteSecret ? new URL(`/invite/${encodeURIComponent(inviteSecret)}`, base).toString() : null;
  return { status: 201, body: { user, inviteUrl } };
});
