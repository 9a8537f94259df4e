import "server-only";
import { AppError } from "@/lib/errors";
import type { Tx } from "@/server/db";

/**
 * Items a release may take: items of the same service (backlog or anywhere in the value stream)
 * that are in no other release. Taking an item from another release silently would change what
 * that release's gatekeeper decided on, so it is refused; remove it there first.
 */
export async function assertItemsMayJoin(tx: Tx, serviceId: string, itemIds: readonly string[], releaseId: string | null) {
  if (itemIds.length === 0) return;
  const rows = await tx.workItem.findMany({
    where: { id: { in: [...itemIds] }, serviceId },
    select: { id: true, title: true, releaseId: true, release: { select: { name: true } } },
  });
  if (rows.length !== itemIds.length) {
    const found = new Set(rows.map((r) => r.id));
    throw new AppError("RULE_VIOLATION", "Some items are not items of this service.", {
      rule: "ITEM_NOT_IN_SERVICE",
      itemIds: itemIds.filter((id) => !found.has(id)),
    });
  }
  const elsewhere = rows.filter((r) => r.releaseId !== null && r.releaseId !== releaseId);
  if (elsewhere.length > 0) {
    const first = elsewhere[0]!;
    throw new AppError(
      "RULE_VIOLATION",
      `"${first.title}" is in release ${first.release?.name ?? "another release"} already: remove it there first.`,
      { rule: "ITEM_IN_OTHER_RELEASE", itemIds: elsewhere.map((r) => r.id) },
    );
  }
}
