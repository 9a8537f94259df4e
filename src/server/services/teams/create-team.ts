import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZCreateTeamRequest } from "@/lib/schemas/identity";
import { assertCan } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { parseInput } from "@/server/services/parse-input";
import { recordAudit } from "@/server/services/audit";

export async function createTeam(actor: Actor, input: unknown) {
  await assertCan(actor, "team.manage", { global: true });
  if (actor.kind !== "user" || !actor.isAdmin) throw new AppError("FORBIDDEN", "Only admins create teams.");
  const cmd = parseInput(ZCreateTeamRequest, input);
  return db.$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { id: cmd.orgId }, select: { id: true } });
    if (!org) throw new AppError("NOT_FOUND", "Organisation not found.");
    const clash = await tx.team.findFirst({ where: { orgId: cmd.orgId, name: cmd.name }, select: { id: true } });
    if (clash) throw new AppError("CONFLICT", `A team named "${cmd.name}" exists already.`);
    const team = await tx.team.create({
      data: { orgId: cmd.orgId, name: cmd.name, kind: cmd.kind, discipline: cmd.discipline },
      select: { id: true, name: true, kind: true, discipline: true },
    });
    await recordAudit(tx, actor, "team.created", { teamId: team.id });
    return team;
  });
}
