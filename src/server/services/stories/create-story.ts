import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { ZCreateStoryRequest, type TCreateStoryRequest, type TStory } from "@/lib/schemas/story";
import { NO_STORIES, storyCounts } from "@/server/services/backlog/backlog-dto";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { itemForStory } from "./story-access";
import { STORY_SELECT, toStoryDto } from "./story-dto";

/** Attaches a user, test or operations story to a work item (test stories with their cases). */
export async function createStory(actor: Actor, input: TCreateStoryRequest): Promise<TStory> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    // Authorise on the item the body names before judging the rest of the body.
    const named = (input as { itemId?: unknown } | null)?.itemId;
    const authorised = typeof named === "string" ? await itemForStory(tx, actor, named, "item.update") : null;
    const cmd = parseInput(ZCreateStoryRequest, input);
    const item = authorised ?? (await itemForStory(tx, actor, cmd.itemId, "item.update"));

    const { kind, itemId: _item, title, ...rest } = cmd;
    void _item;
    const { testCases = [], ...fields } = rest as typeof rest & { testCases?: Array<{ title: string; expected: string; result: "NOT_RUN" | "PASSED" | "FAILED" }> };
    const story = await tx.story.create({
      data: {
        itemId: item.id,
        kind,
        title,
        ...fields,
        testCases: { create: testCases.map((c, position) => ({ ...c, position })) },
      },
      select: STORY_SELECT,
    });
    const dto = toStoryDto(story);
    const counts = (await storyCounts(tx, { itemId: item.id })).get(item.id) ?? NO_STORIES;
    emit(item.serviceId, "story.created", {
      itemId: item.id,
      storyId: dto.id,
      kind: dto.kind,
      testCaseIds: dto.testCases.map((c) => c.id),
      counts,
    });
    return dto;
  });
  return result;
}
