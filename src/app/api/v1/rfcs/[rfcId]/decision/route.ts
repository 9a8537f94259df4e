// POST /api/v1/rfcs/{rfcId}/decision — approve or reject as Service Master or reliability engineer (two keys)
import { decideRfc } from "@/lib/openapi/backlog-operations";
import { operationRoute } from "@/server/http/operation-route";
import { decideRfc as decideRfcUseCase } from "@/server/services/rfcs/decide-rfc";

export const POST = operationRoute(decideRfc, async ({ actor, params, body }) => ({
  status: 200,
  body: await decideRfcUseCase(actor, params.rfcId, body),
}));
