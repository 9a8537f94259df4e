import "server-only";
import { AppError } from "@/lib/errors";
import type { TDeploymentRecord } from "@/lib/schemas/delivery";
import type { Tx } from "@/server/db";
import { lockService } from "@/server/services/backlog/backlog-access";
import type { EmitFn } from "@/server/services/events/run-command";

export const DEPLOYMENT_RECORD_SELECT = {
  id: true,
  serviceId: true,
  releaseId: true,
  environment: true,
  result: true,
  startedAt: true,
  finishedAt: true,
  commitSha: true,
  firstCommitAt: true,
  externalKey: true,
  reworkForIncidentId: true,
  createdAt: true,
} as const;

type Row = {
  id: string;
  serviceId: string;
  releaseId: string | null;
  environment: string;
  result: string;
  startedAt: Date;
  finishedAt: Date;
  commitSha: string | null;
  firstCommitAt: Date | null;
  externalKey: string | null;
  reworkForIncidentId: string | null;
  createdAt: Date;
};

export function toDeploymentRecord(row: Row, duplicate: boolean): TDeploymentRecord {
  return {
    id: row.id,
    serviceId: row.serviceId,
    releaseId: row.releaseId,
    environment: row.environment,
    result: row.result as TDeploymentRecord["result"],
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt.toISOString(),
    commitSha: row.commitSha,
    firstCommitAt: row.firstCommitAt?.toISOString() ?? null,
    externalKey: row.externalKey,
    reworkForIncidentId: row.reworkForIncidentId,
    createdAt: row.createdAt.toISOString(),
    duplicate,
  };
}

export type DeploymentInput = {
  environment: string;
  result: "SUCCESS" | "FAILURE";
  startedAt: Date;
  finishedAt: Date;
  commitSha?: string | null;
  firstCommitAt?: Date | null;
  /** The sender's natural key, already namespaced ("api:<externalId>", "devlake:<id>"). */
  externalKey?: string | null;
  /** An incident of the service, by id or key, that this deployment was made for (rework). */
  fixesIncident?: string | null;
};

/**
 * Records one deployment of a service (of a release, or of the service alone) with its
 * `deployment.reported` event, inside the caller's command. With a natural key it is idempotent:
 * the service row is locked first, so a repeat (even a concurrent one) finds the first delivery
 * and writes nothing. The first delivery stands; a repeat does not change it.
 */
export async function writeDeployment(
  tx: Tx,
  emit: EmitFn,
  target: { serviceId: string; releaseId: string | null; decisionId?: string | null },
  input: DeploymentInput,
): Promise<TDeploymentRecord> {
  if (input.externalKey) {
    await lockService(tx, target.serviceId);
    const existing = await tx.deployment.findUnique({
      where: { serviceId_externalKey: { serviceId: target.serviceId, externalKey: input.externalKey } },
      select: DEPLOYMENT_RECORD_SELECT,
    });
    if (existing) return toDeploymentRecord(existing, true);
  }
  let reworkForIncidentId: string | null = null;
  if (input.fixesIncident) {
    const incident = await tx.incident.findFirst({
      where: { serviceId: target.serviceId, OR: [{ id: input.fixesIncident }, { key: input.fixesIncident }] },
      select: { id: true },
    });
    if (!incident) {
      const message = "fixesIncident names no incident of this service (give its id or key).";
      throw new AppError("VALIDATION_FAILED", message, { issues: [{ path: "fixesIncident", code: "custom", message }] });
    }
    reworkForIncidentId = incident.id;
  }
  const row = await tx.deployment.create({
    data: {
      serviceId: target.serviceId,
      releaseId: target.releaseId,
      environment: input.environment,
      result: input.result,
      startedAt: input.startedAt,
      finishedAt: input.finishedAt,
      commitSha: input.commitSha?.toLowerCase() ?? null,
      firstCommitAt: input.firstCommitAt ?? null,
      externalKey: input.externalKey ?? null,
      reworkForIncidentId,
    },
    select: DEPLOYMENT_RECORD_SELECT,
  });
  const record = toDeploymentRecord(row, false);
  emit(target.serviceId, "deployment.reported", {
    releaseId: target.releaseId,
    deploymentId: row.id,
    environment: row.environment,
    result: record.result,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    decisionId: target.decisionId ?? null,
    commitSha: record.commitSha,
    firstCommitAt: record.firstCommitAt,
    reworkForIncidentId,
  });
  return record;
}
