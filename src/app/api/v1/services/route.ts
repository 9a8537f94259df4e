// GET /api/v1/services — the services the caller may see
// POST /api/v1/services — create an IT service with its Obeya
import { createService, listServices } from "@/lib/openapi/operations";
import { operationRoute } from "@/server/http/operation-route";
import { createService as createServiceUseCase } from "@/server/services/services/create-service";
import { listServices as listServicesUseCase } from "@/server/services/services/list-services";

export const GET = operationRoute(listServices, async ({ actor }) => ({
  status: 200,
  body: { services: await listServicesUseCase(actor) },
}));

export const POST = operationRoute(createService, async ({ actor, body }) => ({
  status: 201,
  body: await createServiceUseCase(actor, body),
}));
