import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import type { TConfiguredStage } from "@/lib/schemas/stage";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import type { Tx } from "@/server/db";

export const STAGE_SELECT = {
  id: true,
  serviceId: true,
  key: true,
  name: true,
  position: true,
  wipLimit: true,
  ageThresholdHours: true,
  retired: true,
  version: true,
  doneCriteria: { where: { retired: false }, orderBy: { position: "asc" }, select: { id: true, text: true } },
} as const;

type StageRow = TConfiguredStage & { serviceId: string };

export function toStageDto(row: StageRow): TConfiguredStage {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    position: row.position,
    wipLimit: row.wipLimit,
    ageThresholdHours: row.ageThresholdHours,
    retired: row.retired,
    version: row.version,
    doneCriteria: row.doneCriteria.map((c) => ({ id: c.id, text: c.text })),
  };
}

/** The service (by id or key) if the actor sees it (404 otherwise) and may configure it (403). */
export async function findServiceToConfigure(tx: Tx, actor: Actor, serviceKeyOrId: string) {
  const service = await tx.service.findFirst({
    where: { OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }], ...visibleServiceWhere(actor) },
    select: { id: true, teamId: true },
  });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  await assertCan(actor, "service.configure", { teamId: service.teamId, serviceId: service.id });
  return service;
}

/** Positions 0..n-1 in the given order; writes only the stages whose position changed. */
export async function renumberStages(tx: Tx, ordered: ReadonlyArray<{ id: string; position: number }>) {
  for (const [position, s] of ordered.entries()) {
    if (s.position !== position) await tx.stage.update({ where: { id: s.id }, data: { position } });
  }
}
