// GET /api/v1/stories?itemId= — the stories of a work item
// POST /api/v1/stories — attach a user, test or operations story to a work item
import { createStory, listStories } from "@/lib/openapi/backlog-operations";
import { operationRoute } from "@/server/http/operation-route";
import { createStory as createStoryUseCase } from "@/server/services/stories/create-story";
import { listStories as listStoriesUseCase } from "@/server/services/stories/list-stories";

export const GET = operationRoute(listStories, async ({ actor, query }) => ({
  status: 200,
  body: { stories: await listStoriesUseCase(actor, query.itemId) },
}));

export const POST = operationRoute(createStory, async ({ actor, body }) => ({
  status: 201,
  body: await createStoryUseCase(actor, body),
}));
