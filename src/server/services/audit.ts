import "server-only";
import type { Actor } from "@/domain/permissions";
import type { Tx } from "@/server/db";

/** Identity and organisation changes belong to no service's event stream: they go to the audit log. */
export async function recordAudit(tx: Tx, actor: Actor, action: string, detail: object): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: actor.kind === "user" ? actor.userId : `token:${actor.tokenId}`,
      action,
      outcome: "ok",
      detail,
    },
  });
}
