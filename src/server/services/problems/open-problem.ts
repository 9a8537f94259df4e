import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { dataProblemKey, openProblemKey } from "@/domain/kaizen/data-problems";
import type { DataCause } from "@/domain/kaizen/settings";
import { AppError } from "@/lib/errors";
import { ZOpenProblemRequest, type TOpenProblemRequest } from "@/lib/schemas/kaizen";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import type { Tx } from "@/server/db";
import { runCommand, type EmitFn } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { assertTeamMember, fieldError } from "./problem-access";

export type OpenProblemInput = {
  serviceId: string;
  stageId: string | null;
  source: "ANDON" | "DATA" | "MANUAL";
  title: string;
  definition: string;
  ownerId: string | null;
  /** problems from data: the condition's key (cause:stage), what it was opened with, and the
   *  open key that keeps it the only open problem for that condition */
  cause?: string | null;
  evidence?: Record<string, unknown> | null;
  openKey?: string | null;
  recurrenceOfId?: string | null;
};

/**
 * Opens a Kaizen problem inside the caller's transaction (the andon opens one in the same
 * transaction as it is pulled, so there is never an andon without its problem).
 */
export async function openProblemInTx(tx: Tx, emit: EmitFn, p: OpenProblemInput) {
  const problem = await tx.problem.create({
    data: {
      serviceId: p.serviceId,
      stageId: p.stageId,
      source: p.source,
      title: p.title,
      definition: p.definition,
      ownerId: p.ownerId,
      cause: p.cause ?? null,
      evidence: (p.evidence ?? undefined) as object | undefined,
      openKey: p.openKey ?? null,
      recurrenceOfId: p.recurrenceOfId ?? null,
    },
    select: { id: true },
  });
  emit(p.serviceId, "problem.opened", {
    problemId: problem.id,
    stageId: p.stageId,
    source: p.source,
    title: p.title,
    ...(p.cause ? { cause: p.cause, recurrenceOfId: p.recurrenceOfId ?? null } : {}),
  });
  return problem;
}

/**
 * Opens the problem of a wall condition (cause + stage) unless one is open already: one open
 * problem per cause and stage. Takes the service row's lock first, so concurrent detections
 * (two job triggers, an SLA breach reported twice) queue and the second finds the first's
 * problem; the unique `openKey` backs that up. A condition that recurs after its problem was
 * closed opens a new problem linked to the closed one (never a silent reopen).
 */
export async function openDataProblemInTx(
  tx: Tx,
  emit: EmitFn,
  p: { serviceId: string; cause: DataCause; stageId: string | null; title: string; definition: string; evidence: Record<string, unknown> },
): Promise<{ problemId: string; opened: boolean }> {
  await tx.service.update({ where: { id: p.serviceId }, data: { lastSeq: { increment: 0 } } });
  const key = dataProblemKey(p.cause, p.stageId);
  const openKey = openProblemKey(p.serviceId, key);
  const existing = await tx.problem.findUnique({ where: { openKey }, select: { id: true } });
  if (existing) return { problemId: existing.id, opened: false };
  const previous = await tx.problem.findFirst({
    where: { serviceId: p.serviceId, cause: key, pdca: "CLOSED" },
    orderBy: { closedAt: "desc" },
    select: { id: true },
  });
  const problem = await openProblemInTx(tx, emit, {
    serviceId: p.serviceId,
    stageId: p.stageId,
    source: "DATA",
    title: p.title.slice(0, 200),
    definition: p.definition.slice(0, 4000),
    ownerId: null,
    cause: key,
    evidence: p.evidence,
    openKey,
    recurrenceOfId: previous?.id ?? null,
  });
  return { problemId: problem.id, opened: true };
}

/** Anyone in the team opens a problem by hand (source MANUAL). */
export async function openProblem(actor: Actor, serviceKeyOrId: string, input: TOpenProblemRequest): Promise<{ id: string }> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const service = await tx.service.findFirst({
      where: { OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }], ...visibleServiceWhere(actor) },
      select: { id: true, teamId: true },
    });
    if (!service) throw new AppError("NOT_FOUND", "Service not found.");
    await assertCan(actor, "kaizen.open", { teamId: service.teamId, serviceId: service.id });
    const cmd = parseInput(ZOpenProblemRequest, input);
    if (cmd.stageId) {
      const stage = await tx.stage.findFirst({ where: { id: cmd.stageId, serviceId: service.id }, select: { id: true } });
      if (!stage) throw fieldError("stageId", "That is not a stage of this service.");
    }
    let ownerId = cmd.ownerId ?? null;
    if (ownerId) await assertTeamMember(tx, service.teamId, ownerId, "ownerId");
    else if (actor.kind === "user" && actor.memberships.some((m) => m.teamId === service.teamId)) ownerId = actor.userId;
    return openProblemInTx(tx, emit, {
      serviceId: service.id,
      stageId: cmd.stageId ?? null,
      source: "MANUAL",
      title: cmd.title,
      definition: cmd.definition,
      ownerId,
    });
  });
  return result;
}
