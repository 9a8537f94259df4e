import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZRecordTestResultRequest, type TRecordTestResultRequest, type TStory } from "@/lib/schemas/story";
import { visibleServiceWhere } from "@/server/auth/authorize";
import { NO_STORIES, storyCounts } from "@/server/services/backlog/backlog-dto";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { bumpStoryVersion, storyForActor } from "./story-access";
import { STORY_SELECT, toStoryDto } from "./story-dto";

/**
 * Records the result of one acceptance test case (passed, failed, not run). A failed case makes
 * its item's stage show a FAILING_TEST problem on the value-stream wall until it passes.
 */
export async function recordTestResult(actor: Actor, testCaseId: string, input: TRecordTestResultRequest): Promise<TStory> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const testCase = await tx.testCase.findFirst({
      where: { id: testCaseId, story: { item: { service: visibleServiceWhere(actor) } } },
      select: { id: true, storyId: true },
    });
    if (!testCase) throw new AppError("NOT_FOUND", "Test case not found.");
    const story = await storyForActor(tx, actor, testCase.storyId, "item.update");
    const cmd = parseInput(ZRecordTestResultRequest, input);
    await bumpStoryVersion(tx, story.id, cmd.expectedVersion);
    await tx.testCase.update({ where: { id: testCase.id }, data: { result: cmd.result }, select: { id: true } });
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
