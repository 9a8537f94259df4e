import "server-only";
import type { Actor } from "@/domain/permissions";
import { countProblems, type ProblemCounts } from "@/domain/visual-control";
import { isAppError } from "@/lib/errors";
import { getWallSnapshotCached } from "@/server/services/walls/wall-snapshot-cache";

/**
 * The open andons and problems of each service's value-stream wall, for the home page: read
 * from the wall's own snapshot (cached per service until its seq moves), so the counts are the
 * wall's. A service the actor may not see (or that vanished meanwhile) is left out.
 */
export async function serviceProblemCounts(actor: Actor, serviceIds: readonly string[]): Promise<Map<string, ProblemCounts>> {
  const out = new Map<string, ProblemCounts>();
  for (const id of serviceIds) {
    try {
      const snapshot = await getWallSnapshotCached(actor, id);
      out.set(id, countProblems(snapshot.problems));
    } catch (e) {
      if (!(isAppError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN"))) throw e;
    }
  }
  return out;
}
