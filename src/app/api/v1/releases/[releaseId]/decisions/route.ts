// GET /api/v1/releases/{releaseId}/decisions — the go/no-go history, newest (standing) first
// POST /api/v1/releases/{releaseId}/decisions — a gatekeeper records a new decision (append-only)
// Deliberately no PUT, PATCH or DELETE here or below: decisions are never edited or deleted.
import { listGateDecisions, recordGateDecision } from "@/lib/openapi/release-operations";
import { operationRoute } from "@/server/http/operation-route";
import { listGateDecisions as listGateDecisionsUseCase } from "@/server/services/releases/get-release";
import { recordGateDecision as recordGateDecisionUseCase } from "@/server/services/releases/record-gate-decision";

export const GET = operationRoute(listGateDecisions, async ({ actor, params }) => ({
  status: 200,
  body: await listGateDecisionsUseCase(actor, params.releaseId),
}));

export const POST = operationRoute(recordGateDecision, async ({ actor, params, body }) => ({
  status: 201,
  body: await recordGateDecisionUseCase(actor, params.releaseId, body),
}));
