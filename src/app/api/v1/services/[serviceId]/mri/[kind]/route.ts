// PUT /api/v1/services/{serviceId}/mri/{kind} — create or edit an MRI entry
// DELETE /api/v1/services/{serviceId}/mri/{kind} — remove it (with the version seen)
import { putMriEntry, removeMriEntry } from "@/lib/openapi/service-wall-operations";
import { operationRoute } from "@/server/http/operation-route";
import { putMriEntry as putUseCase, removeMriEntry as removeUseCase } from "@/server/services/service-wall/mri-commands";

export const PUT = operationRoute(putMriEntry, async ({ actor, params, body }) => ({ status: 200, body: await putUseCase(actor, params.serviceId, params.kind, body) }));

export const DELETE = operationRoute(removeMriEntry, async ({ actor, params, body }) => ({ status: 200, body: await removeUseCase(actor, params.serviceId, params.kind, body) }));
