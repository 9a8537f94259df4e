// PATCH /api/v1/admin/users/{userId} — disable a user (sessions and sockets end at once) or enable them
import { adminSetUserDisabled } from "@/lib/openapi/operations";
import { operationRoute } from "@/server/http/operation-route";
import { setUserDisabled } from "@/server/services/users/set-user-disabled";

export const PATCH = operationRoute(adminSetUserDisabled, async ({ actor, params, body }) => {
  await setUserDisabled(actor, params.userId, body.disabled);
  return { status: 200, body: { id: params.userId, disabled: body.disabled } };
});
