import "server-only";
import type { Action, Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import type { Db, Tx } from "@/server/db";

/** The item a story hangs on, if the actor may see it and do `action` there. */
export async function itemForStory(client: Tx | Db, actor: Actor, itemId: string, action: Action) {
  const item = await client.workItem.findFirst({
    where: { id: itemId, service: visibleServiceWhere(actor) },
    select: { id: true, serviceId: true, service: { select: { teamId: true } } },
  });
  if (!item) throw new AppError("NOT_FOUND", "Item not found.");
  await assertCan(actor, action, { teamId: item.service.teamId, serviceId: item.serviceId });
  return item;
}

/** The story, with its item's service, if the actor may see it and do `action` there. */
export async function storyForActor(client: Tx | Db, actor: Actor, storyId: string, action: Action) {
  const story = await client.story.findFirst({
    where: { id: storyId, item: { service: visibleServiceWhere(actor) } },
    select: { id: true, itemId: true, kind: true, version: true, item: { select: { serviceId: true, service: { select: { teamId: true } } } } },
  });
  if (!story) throw new AppError("NOT_FOUND", "Story not found.");
  await assertCan(actor, action, { teamId: story.item.service.teamId, serviceId: story.item.serviceId });
  return story;
}

/** Bumps the story's version if it is still the one the caller saw; 409 with the story otherwise. */
export async function bumpStoryVersion(tx: Tx, storyId: string, expectedVersion: number, data: object = {}) {
  const updated = await tx.story.updateMany({ where: { id: storyId, version: expectedVersion }, data: { ...data, version: { increment: 1 } } });
  if (updated.count !== 1) {
    throw new AppError("VERSION_CONFLICT", "The story changed since you loaded it; reload and try again.", { storyId });
  }
}
