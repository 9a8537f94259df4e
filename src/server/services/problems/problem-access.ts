import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { visibleServiceWhere } from "@/server/auth/authorize";
import type { Tx } from "@/server/db";
import type { EmitFn } from "@/server/services/events/run-command";

/** The problem if the actor sees its service (404 for missing and not yours alike), with its scope. */
export async function findProblem(tx: Tx, actor: Actor, problemId: string) {
  const problem = await tx.problem.findFirst({
    where: { id: problemId, service: visibleServiceWhere(actor) },
    select: {
      id: true,
      serviceId: true,
      stageId: true,
      ownerId: true,
      pdca: true,
      cycle: true,
      version: true,
      hypothesis: true,
      kpiName: true,
      kpiTarget: true,
      kpiHigherIsBetter: true,
      openKey: true,
      cause: true,
      service: { select: { teamId: true, kaizenSettings: true } },
    },
  });
  if (!problem) throw new AppError("NOT_FOUND", "Problem not found.");
  return { ...problem, scope: { teamId: problem.service.teamId, serviceId: problem.serviceId } };
}

/**
 * Claims the version the command was based on: one write wins, a stale one is a 409 naming the
 * version now. Every change to a problem (its whys, countermeasures, KPI, PDCA) bumps it, so
 * two people editing one sheet never overwrite each other silently.
 */
export async function claimProblemVersion(tx: Tx, problemId: string, expected: number, data: Record<string, unknown> = {}): Promise<number> {
  const updated = await tx.problem.updateMany({ where: { id: problemId, version: expected }, data: { ...data, version: { increment: 1 } } });
  if (updated.count !== 1) {
    const now = await tx.problem.findUnique({ where: { id: problemId }, select: { version: true } });
    throw new AppError("VERSION_CONFLICT", `Someone changed this problem since you opened it (version ${expected}, now ${now?.version ?? "gone"}): reload and try again.`, {
      current: null,
      version: now?.version ?? null,
    });
  }
  return expected + 1;
}

/** Bumps the version without a claim (a countermeasure or KPI change carries its own guard). */
export async function touchProblem(tx: Tx, problemId: string): Promise<void> {
  await tx.problem.update({ where: { id: problemId }, data: { version: { increment: 1 } } });
}

/**
 * Who works in a delivery team (not viewers): its own members and, in a matrix organisation,
 * the members of every expert pool assigned to it (as loadUserActor gives them their roles).
 */
export function teamWorkerWhere(teamId: string) {
  return {
    role: { not: "VIEWER" as const },
    OR: [{ teamId }, { team: { assignedTo: { some: { deliveryTeamId: teamId } } } }],
  };
}

/** The person must work in the service's team, a pool member included (owners of problems and countermeasures). */
export async function assertTeamMember(tx: Tx, teamId: string, userId: string, field: string): Promise<void> {
  const member = await tx.membership.findFirst({ where: { userId, ...teamWorkerWhere(teamId) }, select: { userId: true } });
  if (!member) {
    throw fieldError(field, "That person is not a member of this service's team.");
  }
}

/** problem.updated with what a wall needs to apply it: the state after the change. */
export async function emitProblemUpdated(
  tx: Tx,
  emit: EmitFn,
  problemId: string,
  change: "plan" | "countermeasure" | "kpi" | "proposal",
): Promise<void> {
  const p = await tx.problem.findUniqueOrThrow({
    where: { id: problemId },
    select: {
      serviceId: true,
      pdca: true,
      version: true,
      _count: { select: { whys: true } },
      countermeasures: { select: { id: true }, orderBy: { createdAt: "asc" } },
      kpiValues: { select: { weekStart: true }, orderBy: { weekStart: "asc" } },
    },
  });
  emit(p.serviceId, "problem.updated", {
    problemId,
    pdca: p.pdca,
    whyCount: p._count.whys,
    countermeasureIds: p.countermeasures.map((c) => c.id),
    kpiWeeks: p.kpiValues.map((k) => k.weekStart.toISOString()),
    version: p.version,
    change,
  });
}

/** "2026-12-04" → that day 00:00 UTC. */
export const dayToDate = (day: string) => new Date(`${day}T00:00:00.000Z`);

/** A 400 about one field, worded like the zod ones (a sentence; `details.issues` names the field). */
export function fieldError(path: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", message, { issues: [{ path, message }] });
}
