import "server-only";
import type { ReadinessStage } from "@/domain/releases";
import type { TRelease } from "@/lib/schemas/release";
import type { Db, Tx } from "@/server/db";
import { RELEASE_SELECT, deciderIds, toReleaseDto } from "./release-dto";

type ReleaseWhere = { id?: string; serviceId?: string };

/** Releases with items, decisions (their gatekeepers' and stages' names) and deployments, in a bounded number of queries. */
export async function readReleases(tx: Tx | Db, where: ReleaseWhere): Promise<TRelease[]> {
  const rows = await tx.release.findMany({ where, select: RELEASE_SELECT, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  if (rows.length === 0) return [];
  const ids = deciderIds(rows);
  const serviceIds = [...new Set(rows.map((r) => r.serviceId))];
  const [users, stageRows] = await Promise.all([
    ids.length > 0 ? tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [],
    // Older snapshots name stages by id only: the names come from here.
    // (and the release's done condition needs each stage's place and active done-criteria).
    tx.stage.findMany({
      where: { serviceId: { in: serviceIds } },
      select: {
        id: true,
        serviceId: true,
        key: true,
        name: true,
        position: true,
        retired: true,
        doneCriteria: { where: { retired: false }, orderBy: { position: "asc" }, select: { id: true, text: true } },
      },
    }),
  ]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  const stages = new Map(stageRows.map((s) => [s.id, { key: s.key, name: s.name }]));
  const readiness = new Map<string, ReadinessStage[]>();
  for (const s of stageRows) {
    const list = readiness.get(s.serviceId) ?? [];
    list.push({ id: s.id, key: s.key, name: s.name, position: s.position, retired: s.retired, criteria: s.doneCriteria });
    readiness.set(s.serviceId, list);
  }
  return rows.map((row) => toReleaseDto(row, names, stages, readiness));
}

export async function readRelease(tx: Tx | Db, releaseId: string): Promise<TRelease> {
  const [release] = await readReleases(tx, { id: releaseId });
  if (!release) throw new Error(`release ${releaseId} vanished inside its own transaction`);
  return release;
}
