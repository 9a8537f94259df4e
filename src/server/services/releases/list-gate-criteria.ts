import "server-only";
import type { Actor } from "@/domain/permissions";
import type { TGateCriterion } from "@/lib/schemas/release";
import { assertCan } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { findVisibleService } from "./load-release";
import { CRITERION_SELECT, toCriterionDto } from "./release-dto";

/** The service's active gate criteria, in order (empty until its first release or own criterion). */
export async function listGateCriteria(actor: Actor, serviceKeyOrId: string): Promise<TGateCriterion[]> {
  const service = await findVisibleService(db, actor, serviceKeyOrId);
  await assertCan(actor, "service.view", { teamId: service.teamId, serviceId: service.id });
  const rows = await db.gateCriterion.findMany({
    where: { serviceId: service.id, retired: false },
    orderBy: { position: "asc" },
    select: CRITERION_SELECT,
  });
  return rows.map(toCriterionDto);
}
