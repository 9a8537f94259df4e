import "server-only";
import { can, type Action, type Actor, type Scope } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { db } from "@/server/db";
import { afterTransaction } from "@/server/services/events/after-transaction";

/** Throws 403 when the matrix denies the action; records the denial for the audit. */
export async function assertCan(actor: Actor, action: Action, scope: Scope): Promise<void> {
  if (can(actor, action, scope)) return;
  await recordDenied(actor, action, scope);
  throw new AppError("FORBIDDEN", `You may not ${action.replace(".", " ")} here.`);
}

/** Recorded outside any transaction, so the rollback that follows a denial keeps it. */
export async function recordDenied(actor: Actor, action: string, scope: Scope): Promise<void> {
  await afterTransaction(() =>
    db.auditLog.create({
      data: {
        actorId: actor.kind === "user" ? actor.userId : `token:${actor.tokenId}`,
        action,
        outcome: "denied",
        detail: scope as object,
      },
    }),
  );
}

/** A Prisma `where` fragment: the services this actor may see. Not yours and missing look alike. */
// Tokens use AND so that spreading this next to a caller's own `id` never overrides it.
export function visibleServiceWhere(actor: Actor): { AND?: { id: string }[]; teamId?: { in: string[] } } {
  if (actor.kind === "token") return { AND: [{ id: actor.serviceId }] };
  if (actor.isAdmin) return {};
  return { teamId: { in: [...new Set(actor.memberships.map((m) => m.teamId))] } };
}
