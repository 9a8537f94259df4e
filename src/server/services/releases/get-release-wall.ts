import "server-only";
import type { Actor } from "@/domain/permissions";
import type { TReleaseWall } from "@/lib/schemas/release";
import { assertCan } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { withTransactionScope } from "@/server/services/events/after-transaction";
import { findVisibleService } from "./load-release";
import { readReleases } from "./read-releases";
import { CRITERION_SELECT, toCriterionDto } from "./release-dto";

/**
 * The release wall of a service: every release with its items, full decision history and
 * deployments, the active gate criteria, the items a release may still take, and the `seq` the
 * whole reflects. Read in one transaction so live events apply after exactly this moment.
 */
export async function getReleaseWall(actor: Actor, serviceKeyOrId: string): Promise<TReleaseWall> {
  // A denial is recorded after the read transaction: on SQLite a write inside it would wait for it.
  return withTransactionScope(() =>
    db.$transaction(async (tx) => {
      const service = await findVisibleService(tx, actor, serviceKeyOrId);
      await assertCan(actor, "service.view", { teamId: service.teamId, serviceId: service.id });
      const [criteria, releases, candidates] = await Promise.all([
        tx.gateCriterion.findMany({ where: { serviceId: service.id, retired: false }, orderBy: { position: "asc" }, select: CRITERION_SELECT }),
        readReleases(tx, { serviceId: service.id }),
        tx.workItem.findMany({
          where: { serviceId: service.id, releaseId: null },
          orderBy: { rank: "asc" },
          take: 500,
          select: { id: true, title: true, stage: { select: { name: true } } },
        }),
      ]);
      return {
        service: { id: service.id, key: service.key, name: service.name, teamId: service.teamId },
        criteria: criteria.map(toCriterionDto),
        releases,
        candidates: candidates.map((c) => ({ id: c.id, title: c.title, stageName: c.stage.name })),
        seq: service.lastSeq,
      };
    }),
  );
}
