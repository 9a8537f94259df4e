// GET /api/v1/services/{serviceId}/releases — the release wall: releases, decision history, gate criteria
// POST /api/v1/services/{serviceId}/releases — create a release with its items
import { createRelease, listReleases } from "@/lib/openapi/release-operations";
import { operationRoute } from "@/server/http/operation-route";
import { createRelease as createReleaseUseCase } from "@/server/services/releases/create-release";
import { getReleaseWall } from "@/server/services/releases/get-release-wall";

export const GET = operationRoute(listReleases, async ({ actor, params }) => ({
  status: 200,
  body: await getReleaseWall(actor, params.serviceId),
}));

export const POST = operationRoute(createRelease, async ({ actor, params, body }) => ({
  status: 201,
  body: await createReleaseUseCase(actor, params.serviceId, body),
}));
