import "server-only";
import { AppError } from "@/lib/errors";
import type { Tx } from "@/server/db";
import { ITEM_SELECT, toWorkItemDto } from "./item-dto";

/**
 * Writes `data` to the item only if it still has the version the caller saw, bumping it:
 * otherwise 409 with the item as it is now. One atomic UPDATE … WHERE version = ?.
 */
export async function updateItemVersioned(tx: Tx, itemId: string, expectedVersion: number, data: Record<string, unknown>) {
  const updated = await tx.workItem.updateMany({
    where: { id: itemId, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  if (updated.count !== 1) {
    const current = await tx.workItem.findUnique({ where: { id: itemId }, select: ITEM_SELECT });
    throw new AppError(
      "VERSION_CONFLICT",
      `The item changed since you saw it (version ${expectedVersion}, now ${current?.version ?? "gone"}).`,
      { current: current && toWorkItemDto(current) },
    );
  }
  return expectedVersion + 1;
}
