import "server-only";
import type { Actor } from "@/domain/permissions";
import { orderStages } from "@/domain/stages";
import type { TConfiguredStage } from "@/lib/schemas/stage";
import { withTransactionScope } from "@/server/services/events/after-transaction";
import { db } from "@/server/db";
import { findServiceToConfigure, STAGE_SELECT, toStageDto } from "./stage-dto";

export type StageSettings = {
  service: { id: string; key: string; name: string };
  stages: Array<TConfiguredStage & { itemCount: number }>;
};

/**
 * A service's stages as the settings page edits them: left to right, retired last, each with
 * its version and how many items it holds (a stage that holds items cannot be retired).
 * Needs service.configure (403), on a visible service (404), like the commands it prepares.
 */
export async function listStagesToConfigure(actor: Actor, serviceKeyOrId: string): Promise<StageSettings> {
  return withTransactionScope(() =>
    db.$transaction(async (tx) => {
      const { id } = await findServiceToConfigure(tx, actor, serviceKeyOrId);
      const [service, stages] = await Promise.all([
        tx.service.findUniqueOrThrow({ where: { id }, select: { id: true, key: true, name: true } }),
        tx.stage.findMany({ where: { serviceId: id }, select: { ...STAGE_SELECT, _count: { select: { items: true } } } }),
      ]);
      return { service, stages: orderStages(stages).map((s) => ({ ...toStageDto(s), itemCount: s._count.items })) };
    }),
  );
}
