// POST /api/v1/releases/{releaseId}/items — add items to a release and remove others (409 when stale)
import { changeReleaseItems } from "@/lib/openapi/release-operations";
import { operationRoute } from "@/server/http/operation-route";
import { changeReleaseItems as changeReleaseItemsUseCase } from "@/server/services/releases/change-release-items";

export const POST = operationRoute(changeReleaseItems, async ({ actor, params, body }) => ({
  status: 200,
  body: await changeReleaseItemsUseCase(actor, params.releaseId, body),
}));
