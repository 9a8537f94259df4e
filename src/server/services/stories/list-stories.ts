import "server-only";
import type { Actor } from "@/domain/permissions";
import type { TStory } from "@/lib/schemas/story";
import { db } from "@/server/db";
import { itemForStory } from "./story-access";
import { STORY_SELECT, toStoryDto } from "./story-dto";

/** The stories of one work item, oldest first. */
export async function listStories(actor: Actor, itemId: string): Promise<TStory[]> {
  await itemForStory(db, actor, itemId, "service.view");
  const rows = await db.story.findMany({ where: { itemId }, orderBy: { createdAt: "asc" }, select: STORY_SELECT });
  return rows.map(toStoryDto);
}
