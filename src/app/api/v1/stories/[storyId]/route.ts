// PATCH /api/v1/stories/{storyId} — change a story's fields (409 when the version is stale)
import { updateStory } from "@/lib/openapi/backlog-operations";
import { operationRoute } from "@/server/http/operation-route";
import { updateStory as updateStoryUseCase } from "@/server/services/stories/update-story";

export const PATCH = operationRoute(updateStory, async ({ actor, params, body }) => ({
  status: 200,
  body: await updateStoryUseCase(actor, params.storyId, body),
}));
