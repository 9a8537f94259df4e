import "server-only";
import { can, type Action, type Actor, type Scope } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { db } from "@/server/db";

/** Throws 403 when the matrix denies the action; records the denial for the audit. */
export async function assertCan(actor: Actor, action: Action, scope: Scope): Promise<void> {
  if (can(actor, action, scope)) return;
  await recordDenied(actor, action, scope);
  throw new AppError("FORBIDDEN", `You may not ${action.replace(".", " ")} here.`);
}

export async function recordDenied(actor: Actor, action: string, scope: Scope): Promise<void> {
  try {
    await db.auditLog.create({
      data: {
        actorId: actor.kind === "user" ? actor.userId : `token:${actor.tokenId}`,
        action,
        outcome: "denied",
        detail: scope as object,
      },
    });
  } catch {
    // The denial itself must still answer 403 even if the audit write fails.
  }
}

/** A Prisma `where` fragment: the services this actor may see. Not yours and missing look alike. */
export function visibleServiceWhere(actor: Actor): { id?: string; teamId?: { in: string[] } } {
  if (actor.kind === "token") return { id: actor.serviceId };
  if (actor.isAdmin) return {};
  return { teamId: { in: [...new Set(actor.memberships.map((m) => m.teamId))] } };
}
