import "server-only";
import { unfinishedReleaseItems, type UnfinishedItem } from "@/domain/releases";
import type { Db, Tx } from "@/server/db";

export type ReadinessSnapshotItem = {
  id: string;
  title: string;
  stageKey: string;
  stageName: string;
  criteriaMet: number;
  criteriaTotal: number;
  done: boolean;
};
export type ReleaseReadiness = { items: ReadinessSnapshotItem[]; unfinished: UnfinishedItem[] };

/**
 * A release's items as they stand, with those not at the release's done condition
 * (`unfinishedReleaseItems`): what the gatekeeper decides on. Two queries.
 */
export async function readReleaseReadiness(tx: Tx | Db, releaseId: string, serviceId: string): Promise<ReleaseReadiness> {
  const [items, stages] = await Promise.all([
    tx.workItem.findMany({
      where: { releaseId },
      orderBy: { rank: "asc" },
      select: { id: true, title: true, stageId: true, criteria: { where: { done: true }, select: { criterionId: true } } },
    }),
    tx.stage.findMany({
      where: { serviceId },
      select: {
        id: true,
        key: true,
        name: true,
        position: true,
        retired: true,
        doneCriteria: { where: { retired: false }, orderBy: { position: "asc" }, select: { id: true, text: true } },
      },
    }),
  ]);
  const readinessStages = stages.map((s) => ({ id: s.id, key: s.key, name: s.name, position: s.position, retired: s.retired, criteria: s.doneCriteria }));
  const readinessItems = items.map((i) => ({ id: i.id, title: i.title, stageId: i.stageId, metCriterionIds: i.criteria.map((c) => c.criterionId) }));
  const byId = new Map(stages.map((s) => [s.id, s]));
  return {
    items: items.map((item) => {
      const stage = byId.get(item.stageId);
      const met = new Set(item.criteria.map((c) => c.criterionId));
      const total = stage?.doneCriteria.length ?? 0;
      const criteriaMet = stage?.doneCriteria.filter((c) => met.has(c.id)).length ?? 0;
      return {
        id: item.id,
        title: item.title,
        stageKey: stage?.key ?? "",
        stageName: stage?.name ?? "",
        criteriaMet,
        criteriaTotal: total,
        done: criteriaMet === total,
      };
    }),
    unfinished: unfinishedReleaseItems(readinessStages, readinessItems),
  };
}
