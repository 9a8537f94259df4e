import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZUpdateStoryRequest, type TStory, type TUpdateStoryRequest } from "@/lib/schemas/story";
import { NO_STORIES, storyCounts } from "@/server/services/backlog/backlog-dto";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { bumpStoryVersion, storyForActor } from "./story-access";
import { STORY_SELECT, toStoryDto } from "./story-dto";

const FIELDS_OF = {
  USER: ["title", "asRole", "function", "businessReason", "conditionsOfOperation"],
  TEST: ["title", "serviceAcceptanceCriteria"],
  OPERATIONS: ["title", "servicePriority", "continuityConditions", "sla", "ola"],
} as const;

/** Changes the fields of a story, naming the version the editor saw (409 when stale). */
export async function updateStory(actor: Actor, storyId: string, input: TUpdateStoryRequest): Promise<TStory> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const story = await storyForActor(tx, actor, storyId, "item.update");
    const { expectedVersion, ...changes } = parseInput(ZUpdateStoryRequest, input);
    const allowed: readonly string[] = FIELDS_OF[story.kind as keyof typeof FIELDS_OF];
    const foreign = Object.keys(changes).filter((k) => !allowed.includes(k));
    if (foreign.length) {
      throw new AppError("VALIDATION_FAILED", `A ${story.kind.toLowerCase()} story has no ${foreign.join(", ")}.`, {
        issues: foreign.map((path) => ({ path, message: "not a field of this kind of story" })),
      });
    }
    await bumpStoryVersion(tx, story.id, expectedVersion, changes);
    const row = await tx.story.findUniqueOrThrow({ where: { id: story.id }, select: STORY_SELECT });
    const dto = toStoryDto(row);
    const counts = (await storyCounts(tx, { itemId: story.itemId })).get(story.itemId) ?? NO_STORIES;
    emit(story.item.serviceId, "story.updated", {
      itemId: story.itemId,
      storyId: story.id,
      version: dto.version,
      testCaseIds: dto.testCases.map((c) => c.id),
      counts,
    });
    return dto;
  });
  return result;
}
