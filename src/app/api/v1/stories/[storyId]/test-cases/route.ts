// POST /api/v1/stories/{storyId}/test-cases — add an acceptance test case to a test story
import { addTestCase } from "@/lib/openapi/backlog-operations";
import { operationRoute } from "@/server/http/operation-route";
import { addTestCase as addTestCaseUseCase } from "@/server/services/stories/add-test-case";

export const POST = operationRoute(addTestCase, async ({ actor, params, body }) => ({
  status: 201,
  body: await addTestCaseUseCase(actor, params.storyId, body),
}));
