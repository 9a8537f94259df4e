import "server-only";
import { DEPLOYMENT_STAGE_KEY, latestDecision, mayEnterDeployment, type GateOutcome } from "@/domain/releases";
import type { Tx } from "@/server/db";
import type { MoveGuard } from "../move-guards";

/**
 * The release gate on the flow: an item of a release enters the Deployment stage only under the
 * release's standing GO, decided on that item. Rejections upstream are not gated: they send
 * defective work back, and refusing them would push it forward.
 */
export const releaseGateGuard: MoveGuard = {
  appliesTo: ({ direction, item, toStage }) => direction === "forward" && toStage.key === DEPLOYMENT_STAGE_KEY && !!item.releaseId,
  check: (tx, input) => checkReleaseGate(tx, input.item),
};

async function checkReleaseGate(tx: Tx, item: { id: string; releaseId: string | null }) {
  if (!item.releaseId) return null;
  const release = await tx.release.findUnique({
    where: { id: item.releaseId },
    select: {
      id: true,
      name: true,
      decisions: { select: { id: true, outcome: true, supersedesId: true, createdAt: true, snapshot: true } },
    },
  });
  if (!release) return null;
  const standing = latestDecision(release.decisions);
  const check = mayEnterDeployment(
    release,
    standing ? { outcome: standing.outcome as GateOutcome } : null,
    standing ? snapshotHas(standing.snapshot, item.id) : false,
  );
  if (check.ok) return null;
  return {
    rule: check.code,
    message: check.message,
    details: { releaseId: release.id, releaseName: release.name, decisionId: standing?.id ?? null },
  };
}

function snapshotHas(snapshot: unknown, itemId: string): boolean {
  const items = (snapshot as { items?: unknown } | null)?.items;
  return Array.isArray(items) && items.some((i) => (i as { id?: unknown } | null)?.id === itemId);
}
