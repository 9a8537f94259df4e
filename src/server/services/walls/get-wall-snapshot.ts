import "server-only";
import type { Actor } from "@/domain/permissions";
import { orderStages } from "@/domain/stages";
import { AppError } from "@/lib/errors";
import type { TWorkItem } from "@/lib/schemas/item";
import { visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { ITEM_SELECT, toWorkItemDto } from "@/server/services/items/item-dto";

export type WallSnapshot = {
  service: { id: string; key: string; name: string; description: string; teamId: string; status: string };
  stages: Array<{
    id: string;
    key: string;
    name: string;
    position: number;
    wipLimit: number | null;
    ageThresholdHours: number | null;
    retired: boolean;
    doneCriteria: { id: string; text: string }[];
  }>;
  items: TWorkItem[];
  // Apply live events with seq > this one.
  seq: number;
};

/**
 * The value-stream wall of one service in a fixed number of queries, whatever its size.
 * Read in one transaction so the rows and `seq` describe the same moment.
 */
export async function getWallSnapshot(actor: Actor, serviceKeyOrId: string): Promise<WallSnapshot> {
  return db.$transaction(async (tx) => {
    const service = await tx.service.findFirst({
      where: { OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }], ...visibleServiceWhere(actor) },
      select: { id: true, key: true, name: true, description: true, teamId: true, status: true, lastSeq: true },
    });
    if (!service) throw new AppError("NOT_FOUND", "Service not found.");
    const [stages, items] = await Promise.all([
      tx.stage.findMany({
        where: { serviceId: service.id },
        select: {
          id: true,
          key: true,
          name: true,
          position: true,
          wipLimit: true,
          ageThresholdHours: true,
          retired: true,
          doneCriteria: { where: { retired: false }, orderBy: { position: "asc" }, select: { id: true, text: true } },
        },
      }),
      tx.workItem.findMany({ where: { serviceId: service.id }, orderBy: { rank: "asc" }, select: ITEM_SELECT }),
    ]);
    const { lastSeq, ...rest } = service;
    return { service: rest, stages: orderStages(stages), items: items.map(toWorkItemDto), seq: lastSeq };
  });
}
