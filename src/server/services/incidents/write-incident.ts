import "server-only";
import { findIncidentCause, CAUSE_WINDOW_MS, type CauseLink } from "@/domain/metrics/incident-cause";
import { AppError } from "@/lib/errors";
import type { TIncident } from "@/lib/schemas/delivery";
import type { Tx } from "@/server/db";
import { lockService } from "@/server/services/backlog/backlog-access";
import type { EmitFn } from "@/server/services/events/run-command";

export const INCIDENT_SELECT = {
  id: true,
  serviceId: true,
  key: true,
  title: true,
  severity: true,
  url: true,
  source: true,
  openedAt: true,
  resolvedAt: true,
  causedByDeploymentId: true,
  causeLink: true,
  version: true,
  createdAt: true,
} as const;

type Row = {
  id: string;
  serviceId: string;
  key: string;
  title: string;
  severity: string | null;
  url: string | null;
  source: string;
  openedAt: Date;
  resolvedAt: Date | null;
  causedByDeploymentId: string | null;
  causeLink: string | null;
  version: number;
  createdAt: Date;
};

export function toIncidentDto(row: Row, duplicate: boolean): TIncident {
  return {
    ...row,
    causeLink: row.causeLink as CauseLink | null,
    openedAt: row.openedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    duplicate,
  };
}

function invalid(path: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", message, { issues: [{ path, code: "custom", message }] });
}

export type IncidentInput = {
  key: string;
  title: string;
  severity: string | null;
  url: string | null;
  source: "API" | "DEVLAKE" | "PAGERDUTY";
  openedAt: Date;
  resolvedAt: Date | null;
  /** The causing deployment as the sender names it: our id, or one of these natural keys. */
  deployment?: { ref: string; keys: string[]; field: string } | null;
  commitSha?: string | null;
};

/**
 * Opens an incident of a service inside the caller's command, linked to the deployment that
 * caused it (named, by commit SHA, or by time window: src/domain/metrics/incident-cause.ts), with
 * `incident.opened` (and `incident.resolved` when it arrives resolved). Idempotent on its key: the
 * service row is locked first, so a repeat finds the first delivery; a repeat that now says the
 * incident is resolved resolves it (a pager's resolve event is the same incident, later), and
 * anything else in a repeat writes nothing.
 */
export async function writeIncident(tx: Tx, emit: EmitFn, serviceId: string, input: IncidentInput): Promise<TIncident> {
  await lockService(tx, serviceId);
  const existing = await tx.incident.findUnique({ where: { serviceId_key: { serviceId, key: input.key } }, select: INCIDENT_SELECT });
  if (existing) {
    if (input.resolvedAt && !existing.resolvedAt) return resolveIncidentRow(tx, emit, existing, input.resolvedAt);
    return toIncidentDto(existing, true);
  }

  let cause: { deploymentId: string; link: CauseLink } | null = null;
  if (input.deployment) {
    const { ref, keys, field } = input.deployment;
    const named = await tx.deployment.findFirst({
      where: { serviceId, OR: [{ id: ref }, { externalKey: { in: keys } }] },
      select: { id: true },
    });
    if (!named) throw invalid(field, `${field} names no deployment of this service.`);
    cause = { deploymentId: named.id, link: "DEPLOYMENT" };
  } else {
    const opened = input.openedAt.getTime();
    const sha = input.commitSha?.toLowerCase() ?? null;
    const candidates = await tx.deployment.findMany({
      where: {
        serviceId,
        OR: [
          { finishedAt: { gte: new Date(opened - CAUSE_WINDOW_MS), lte: input.openedAt } },
          // Short and full SHAs of one commit share their first 7 digits; the domain compares them exactly.
          ...(sha ? [{ commitSha: { startsWith: sha.slice(0, 7) } }] : []),
        ],
      },
      select: { id: true, environment: true, finishedAt: true, commitSha: true },
    });
    cause = findIncidentCause(
      candidates.map((d) => ({ ...d, finishedAt: d.finishedAt.getTime() })),
      opened,
      { commitSha: sha },
    );
  }

  const row = await tx.incident.create({
    data: {
      serviceId,
      key: input.key,
      title: input.title,
      severity: input.severity,
      url: input.url,
      source: input.source,
      openedAt: input.openedAt,
      resolvedAt: input.resolvedAt,
      causedByDeploymentId: cause?.deploymentId ?? null,
      causeLink: cause?.link ?? null,
    },
    select: INCIDENT_SELECT,
  });
  emit(serviceId, "incident.opened", {
    incidentId: row.id,
    key: row.key,
    title: row.title,
    severity: row.severity,
    source: row.source,
    openedAt: row.openedAt.toISOString(),
    causedByDeploymentId: row.causedByDeploymentId,
    causeLink: cause?.link ?? null,
  });
  if (row.resolvedAt) {
    emit(serviceId, "incident.resolved", {
      incidentId: row.id,
      key: row.key,
      openedAt: row.openedAt.toISOString(),
      resolvedAt: row.resolvedAt.toISOString(),
      version: row.version,
    });
  }
  return toIncidentDto(row, false);
}

/** Resolves an open incident (version checked in the write), with `incident.resolved`. */
export async function resolveIncidentRow(tx: Tx, emit: EmitFn, incident: Row, resolvedAt: Date): Promise<TIncident> {
  if (resolvedAt.getTime() < incident.openedAt.getTime()) throw invalid("resolvedAt", "The incident cannot be resolved before it opened.");
  const { count } = await tx.incident.updateMany({
    where: { id: incident.id, version: incident.version, resolvedAt: null },
    data: { resolvedAt, version: { increment: 1 } },
  });
  const row = await tx.incident.findUniqueOrThrow({ where: { id: incident.id }, select: INCIDENT_SELECT });
  if (count === 0) throw new AppError("VERSION_CONFLICT", "The incident changed since you loaded it; reload and try again.", { current: toIncidentDto(row, false) });
  emit(incident.serviceId, "incident.resolved", {
    incidentId: row.id,
    key: row.key,
    openedAt: row.openedAt.toISOString(),
    resolvedAt: resolvedAt.toISOString(),
    version: row.version,
  });
  return toIncidentDto(row, false);
}
