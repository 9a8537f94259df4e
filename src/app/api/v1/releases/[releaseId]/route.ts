// GET /api/v1/releases/{releaseId} — one release with items, decision history and deployments
// PATCH /api/v1/releases/{releaseId} — rename, retarget or set the pipeline status (409 when stale)
import { getRelease, updateRelease } from "@/lib/openapi/release-operations";
import { operationRoute } from "@/server/http/operation-route";
import { getRelease as getReleaseUseCase } from "@/server/services/releases/get-release";
import { updateRelease as updateReleaseUseCase } from "@/server/services/releases/update-release";

export const GET = operationRoute(getRelease, async ({ actor, params }) => ({
  status: 200,
  body: await getReleaseUseCase(actor, params.releaseId),
}));

export const PATCH = operationRoute(updateRelease, async ({ actor, params, body }) => ({
  status: 200,
  body: await updateReleaseUseCase(actor, params.releaseId, body),
}));
