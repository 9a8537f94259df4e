// POST /api/v1/andons/{andonId}/release — release an andon with the countermeasure taken
import { releaseAndon } from "@/lib/openapi/flow-operations";
import { operationRoute } from "@/server/http/operation-route";
import { releaseAndon as releaseAndonUseCase } from "@/server/services/andon/release-andon";

export const POST = operationRoute(releaseAndon, async ({ actor, params, body }) => ({
  status: 200,
  body: await releaseAndonUseCase(actor, params.andonId, body),
}));
