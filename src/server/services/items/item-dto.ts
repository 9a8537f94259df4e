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

export function toWorkItemDto(row: ItemRow): TWorkItem {
  return {
    ...row,
    kind: row.kind as ItemKind,
    labels: Array.isArray(row.labels) ? (row.labels as string[]) : [],
    enteredStageAt: row.enteredStageAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}
