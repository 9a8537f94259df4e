import "server-only";
import type { TAndon } from "@/lib/schemas/andon";

export const ANDON_SELECT = {
  id: true,
  serviceId: true,
  stageId: true,
  itemId: true,
  reason: true,
  pulledById: true,
  pulledAt: true,
  problemId: true,
  releasedAt: true,
  releasedById: true,
  countermeasure: true,
} as const;

type AndonRow = Omit<TAndon, "pulledAt" | "releasedAt"> & { pulledAt: Date; releasedAt: Date | null };

export function toAndonDto(row: AndonRow): TAndon {
  return {
    id: row.id,
    serviceId: row.serviceId,
    stageId: row.stageId,
    itemId: row.itemId,
    reason: row.reason,
    pulledById: row.pulledById,
    pulledAt: row.pulledAt.toISOString(),
    problemId: row.problemId,
    releasedAt: row.releasedAt?.toISOString() ?? null,
    releasedById: row.releasedById,
    countermeasure: row.countermeasure,
  };
}
