import "server-only";
import type { TRelease } from "@/lib/schemas/release";
import type { Db, Tx } from "@/server/db";
import { RELEASE_SELECT, deciderIds, toReleaseDto } from "./release-dto";

type ReleaseWhere = { id?: string; serviceId?: string };

/** Releases with items, decisions (and their gatekeepers' names) and deployments, in three queries. */
export async function readReleases(tx: Tx | Db, where: ReleaseWhere): Promise<TRelease[]> {
  const rows = await tx.release.findMany({ where, select: RELEASE_SELECT, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const ids = deciderIds(rows);
  const users = ids.length > 0 ? await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((row) => toReleaseDto(row, names));
}

export async function readRelease(tx: Tx | Db, releaseId: string): Promise<TRelease> {
  const [release] = await readReleases(tx, { id: releaseId });
  if (!release) throw new Error(`release ${releaseId} vanished inside its own transaction`);
  return release;
}
