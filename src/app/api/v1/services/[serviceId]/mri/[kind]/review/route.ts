// POST /api/v1/services/{serviceId}/mri/{kind}/review — the entry was reviewed today
import { reviewMriEntry } from "@/lib/openapi/service-wall-operations";
import { operationRoute } from "@/server/http/operation-route";
import { reviewMriEntry as useCase } from "@/server/services/service-wall/mri-commands";

export const POST = operationRoute(reviewMriEntry, async ({ actor, params, body }) => ({ status: 200, body: await useCase(actor, params.serviceId, params.kind, body) }));
