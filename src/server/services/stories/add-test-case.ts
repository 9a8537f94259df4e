import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZAddTestCaseRequest, type TAddTestCaseRequest, type TStory } from "@/lib/schemas/story";
import { NO_STORIES, storyCounts } from "@/server/services/backlog/backlog-dto";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { bumpStoryVersion, storyForActor } from "./story-access";
import { STORY_SELECT, toStoryDto } from "./story-dto";

/** Adds an acceptance test case to a test story, at the end; the story's version moves on. */
export async function addTestCase(actor: Actor, storyId: string, input: TAddTestCaseRequest): Promise<TStory> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const story = await storyForActor(tx, actor, storyId, "item.update");
    const { expectedVersion, ...testCase } = parseInput(ZAddTestCaseRequest, input);
    if (story.kind !== "TEST") throw new AppError("RULE_VIOLATION", "Only a test story has acceptance test cases.");
    await bumpStoryVersion(tx, story.id, expectedVersion);
    const position = await tx.testCase.count({ where: { storyId: story.id } });
    await tx.testCase.create({ data: { storyId: story.id, ...testCase, position }, select: { id: true } });
    const dto = toStoryDto(await tx.story.findUniqueOrThrow({ where: { id: story.id }, select: STORY_SELECT }));
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
