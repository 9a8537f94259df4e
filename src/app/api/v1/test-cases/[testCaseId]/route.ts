// PATCH /api/v1/test-cases/{testCaseId} — record an acceptance test case's result
import { recordTestResult } from "@/lib/openapi/backlog-operations";
import { operationRoute } from "@/server/http/operation-route";
import { recordTestResult as recordTestResultUseCase } from "@/server/services/stories/record-test-result";

export const PATCH = operationRoute(recordTestResult, async ({ actor, params, body }) => ({
  status: 200,
  body: await recordTestResultUseCase(actor, params.testCaseId, body),
}));
