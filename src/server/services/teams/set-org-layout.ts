import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZAssignPoolRequest, ZSetOrgLayoutRequest } from "@/lib/schemas/identity";
import { assertCan } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { signalAccessChanged } from "@/server/realtime/access-signals";
import { parseInput } from "@/server/services/parse-input";
import { recordAudit } from "@/server/services/audit";

/** Flat (one small team) or matrix (expert pools assigned to Service Masters' teams). */
export async function setOrgLayout(actor: Actor, orgId: string, input: unknown) {
  await assertCan(actor, "team.manage", { global: true });
  if (actor.kind !== "user" || !actor.isAdmin) throw new AppError("FORBIDDEN", "Only admins change the organisation.");
  const cmd = parseInput(ZSetOrgLayoutRequest, input);
  return db.$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { id: orgId }, select: { id: true } });
    if (!org) throw new AppError("NOT_FOUND", "Organisation not found.");
    await tx.organization.update({ where: { id: orgId }, data: { layout: cmd.layout } });
    await recordAudit(tx, actor, "org.layout", { orgId, layout: cmd.layout });
    return { orgId, layout: cmd.layout };
  });
}

/** Assigns (or withdraws) a pool of experts to a delivery team: its members act there with their roles. */
export async function assignPool(actor: Actor, input: unknown) {
  await assertCan(actor, "team.manage", { global: true });
  if (actor.kind !== "user" || !actor.isAdmin) throw new AppError("FORBIDDEN", "Only admins assign pools.");
  const cmd = parseInput(ZAssignPoolRequest, input);
  const members = await db.$transaction(async (tx) => {
    const [pool, delivery] = await Promise.all([
      tx.team.findUnique({ where: { id: cmd.poolTeamId }, select: { id: true, kind: true, orgId: true } }),
      tx.team.findUnique({ where: { id: cmd.deliveryTeamId }, select: { id: true, kind: true, orgId: true } }),
    ]);
    if (!pool || !delivery) throw new AppError("NOT_FOUND", "Team not found.");
    if (pool.kind !== "POOL" || delivery.kind !== "DELIVERY" || pool.orgId !== delivery.orgId) {
      throw new AppError("RULE_VIOLATION", "A pool is assigned to a delivery team of the same organisation.");
    }
    const where = { poolTeamId: pool.id, deliveryTeamId: delivery.id };
    if (cmd.assigned) {
      const exists = await tx.teamAssignment.findFirst({ where, select: { id: true } });
      if (!exists) await tx.teamAssignment.create({ data: where });
    } else {
      await tx.teamAssignment.deleteMany({ where });
    }
    await recordAudit(tx, actor, "pool.assigned", { ...where, assigned: cmd.assigned });
    return tx.membership.findMany({ where: { teamId: pool.id }, select: { userId: true }, distinct: ["userId"] });
  });
  for (const m of members) signalAccessChanged({ userId: m.userId });
  return { ...cmd };
}
