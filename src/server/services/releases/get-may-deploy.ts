import "server-only";
import { can, type Actor } from "@/domain/permissions";
import { latestDecision, mayDeploy, type GateOutcome } from "@/domain/releases";
import { AppError } from "@/lib/errors";
import type { TMayDeploy } from "@/lib/schemas/release";
import { recordDenied, visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";

export type ReleaseLookup = { releaseId: string } | { serviceKeyOrId: string; releaseName: string };

/**
 * "May release X deploy?" for a pipeline: answered from the standing decision only. A token of
 * another service gets 404 (missing and not yours look alike); one of this service needs
 * `deployment.report` or `service.view` in its scopes.
 */
export async function getMayDeploy(actor: Actor, lookup: ReleaseLookup): Promise<TMayDeploy> {
  const visible = visibleServiceWhere(actor);
  const where =
    "releaseId" in lookup
      ? { id: lookup.releaseId, service: visible }
      : { name: lookup.releaseName, service: { AND: [{ OR: [{ id: lookup.serviceKeyOrId }, { key: lookup.serviceKeyOrId }] }, visible] } };
  const release = await db.release.findFirst({
    where,
    select: {
      id: true,
      name: true,
      serviceId: true,
      service: { select: { teamId: true } },
      decisions: { select: { id: true, outcome: true, supersedesId: true, createdAt: true } },
    },
  });
  if (!release) throw new AppError("NOT_FOUND", "Release not found.");
  const scope = { teamId: release.service.teamId, serviceId: release.serviceId };
  if (!can(actor, "deployment.report", scope) && !can(actor, "service.view", scope)) {
    await recordDenied(actor, "deployment.report", scope);
    throw new AppError("FORBIDDEN", "This token may not ask about deployments (needs deployment.report or service.view).");
  }
  const standing = latestDecision(release.decisions);
  return {
    releaseId: release.id,
    releaseName: release.name,
    mayDeploy: mayDeploy(standing ? { outcome: standing.outcome as GateOutcome } : null),
    decisionId: standing?.id ?? null,
    outcome: (standing?.outcome as GateOutcome | undefined) ?? null,
    decidedAt: standing ? standing.createdAt.toISOString() : null,
  };
}
