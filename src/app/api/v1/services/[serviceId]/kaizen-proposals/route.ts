// POST /api/v1/services/{serviceId}/kaizen-proposals — Kaizen in advance: propose to an upstream stage
import { proposeKaizen } from "@/lib/openapi/kaizen-operations";
import { operationRoute } from "@/server/http/operation-route";
import { proposeKaizen as proposeKaizenUseCase } from "@/server/services/kaizen-proposals/propose-kaizen";

export const POST = operationRoute(proposeKaizen, async ({ actor, params, body }) => ({
  status: 201,
  body: await proposeKaizenUseCase(actor, params.serviceId, body),
}));
