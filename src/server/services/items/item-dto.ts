import "server-only";
import type { TWorkItem, ItemKind } from "@/lib/schemas/item";

export const ITEM_SELECT = {
  id: true,
  serviceId: true,
  stageId: true,
  kind: true,
  title: true,
  description: true,
  rank: true,
  labels: true,
  blockedReason: true,
  businessValue: true,
  costEstimate: true,
  version: true,
  enteredStageAt: true,
  createdAt: true,
} as const;

type ItemRow = {
  id: string;
  serviceId: string;
  stageId: string;
  kind: string;
  title: string;
  description: string;
  rank: string;
  labels: unknown;
  blockedReason: string | null;
  businessValue: number | null;
  costEstimate: number | null;
  version: number;
  enteredStageAt: Date;
  createdAt: Date;
};

// Fields are picked one by one: callers pass rows selected with extra relations (the move
// reads the service's team), which must not leak into API answers or event payloads.
export function toWorkItemDto(row: ItemRow): TWorkItem {
  return {
    id: row.id,
    serviceId: row.serviceId,
    stageId: row.stageId,
    title: row.title,
    description: row.description,
    rank: row.rank,
    blockedReason: row.blockedReason,
    businessValue: row.businessValue,
    costEstimate: row.costEstimate,
    version: row.version,
    kind: row.kind as ItemKind,
    labels: Array.isArray(row.labels) ? (row.labels as string[]) : [],
    enteredStageAt: row.enteredStageAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}
