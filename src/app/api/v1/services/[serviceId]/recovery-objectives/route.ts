// PUT /api/v1/services/{serviceId}/recovery-objectives — RPO, RTO and the recovery-test interval
import { setRecoveryObjectives } from "@/lib/openapi/service-wall-operations";
import { operationRoute } from "@/server/http/operation-route";
import { setRecoveryObjectives as useCase } from "@/server/services/service-wall/set-recovery-objectives";

export const PUT = operationRoute(setRecoveryObjectives, async ({ actor, params, body }) => ({ status: 200, body: await useCase(actor, params.serviceId, body) }));
