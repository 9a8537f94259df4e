// POST /api/v1/services/{serviceId}/recovery-tests — record a recovery test
import { recordRecoveryTest } from "@/lib/openapi/service-wall-operations";
import { operationRoute } from "@/server/http/operation-route";
import { recordRecoveryTest as useCase } from "@/server/services/service-wall/record-recovery-test";

export const POST = operationRoute(recordRecoveryTest, async ({ actor, params, body }) => ({ status: 201, body: await useCase(actor, params.serviceId, body) }));
