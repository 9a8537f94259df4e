import "server-only";
import type { Actor } from "@/domain/permissions";
import { ZRfcListQuery, type TRfcList } from "@/lib/schemas/rfc";
import { assertCan } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { findVisibleService } from "@/server/services/backlog/backlog-access";
import { parseInput } from "@/server/services/parse-input";
import { RFC_SELECT, toRfcDto, userIdsOf } from "./rfc-dto";

/** The requests for change of a service, newest first, with the keys turned so far. */
export async function listRfcs(actor: Actor, serviceKeyOrId: string, query: { status?: string } = {}): Promise<TRfcList> {
  // Authorised before the read transaction: a denial is written to the audit log, which on
  // SQLite must not happen while this connection holds a transaction open.
  const visible = await findVisibleService(db, actor, serviceKeyOrId);
  await assertCan(actor, "service.view", { teamId: visible.teamId, serviceId: visible.id });
  const filter = parseInput(ZRfcListQuery, query);
  return db.$transaction(async (tx) => {
    const service = await findVisibleService(tx, actor, visible.id);
    const rows = await tx.changeRequest.findMany({
      where: { serviceId: service.id, ...(filter.status ? { status: filter.status } : {}) },
      orderBy: { createdAt: "desc" },
      select: RFC_SELECT,
    });
    const users = await tx.user.findMany({ where: { id: { in: userIdsOf(rows) } }, select: { id: true, name: true } });
    const names = new Map(users.map((u) => [u.id, u.name]));
    return { rfcs: rows.map((r) => toRfcDto(r, names)), seq: service.lastSeq };
  });
}
