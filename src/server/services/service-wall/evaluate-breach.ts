import "server-only";
import { DAY, errorBudget, type AvailabilitySample } from "@/domain/service-levels";
import type { Tx } from "@/server/db";
import type { EmitFn } from "@/server/services/events/run-command";
import { openDataProblemInTx } from "@/server/services/problems/open-problem";
import { operationsStageId } from "./service-wall-access";

type Level = { id: string; serviceId: string; kind: "SLA" | "OLA"; name: string; target: number; unit: string };

/**
 * A breach opens exactly one problem: while a level has an unresolved breach, further bad
 * measurements add nothing (the problem is already on the Operations stage); a measurement
 * that meets the target again resolves it. Runs in the caller's command, under the level's
 * row lock, so two reports at once cannot both open one.
 */
export async function openOrResolveBreach(
  tx: Tx,
  emit: EmitFn,
  level: Level,
  m: { missed: boolean; measured: number; occurredAt: Date; note: string; detail: string },
): Promise<{ opened: string | null; resolved: string | null }> {
  await tx.serviceLevel.update({ where: { id: level.id }, data: { version: { increment: 0 } }, select: { id: true } });
  const open = await tx.serviceLevelBreach.findFirst({ where: { serviceLevelId: level.id, resolvedAt: null }, select: { id: true } });
  if (m.missed && !open) {
    const stageId = await operationsStageId(tx, level.serviceId);
    // Kaizen's problem from data (cause SLA_BREACH on the Operations stage): one open problem
    // per cause and stage, so two levels breached at once share it, each breach naming it.
    const problem = await openDataProblemInTx(tx, emit, {
      serviceId: level.serviceId,
      cause: "SLA_BREACH",
      stageId,
      title: `${level.kind} breached: ${level.name}`,
      definition: m.detail,
      evidence: { serviceLevelId: level.id, measured: m.measured, target: level.target, unit: level.unit },
    });
    const breach = await tx.serviceLevelBreach.create({
      data: { serviceLevelId: level.id, measured: m.measured, occurredAt: m.occurredAt, note: m.note, problemId: problem.problemId },
      select: { id: true },
    });
    emit(level.serviceId, "serviceLevel.breached", { serviceLevelId: level.id, breachId: breach.id, measured: m.measured, resolved: false, problemId: problem.problemId });
    return { opened: breach.id, resolved: null };
  }
  if (!m.missed && open) {
    await tx.serviceLevelBreach.update({ where: { id: open.id }, data: { resolvedAt: m.occurredAt }, select: { id: true } });
    emit(level.serviceId, "serviceLevel.breach.resolved", { serviceLevelId: level.id, breachId: open.id });
    return { opened: null, resolved: open.id };
  }
  return { opened: null, resolved: null };
}

/** The availability objective over its window, from the level's samples (and incidents when they exist). */
export async function availabilityBudget(tx: Tx, level: { id: string; target: number; windowDays: number }, now: Date) {
  const from = new Date(now.getTime() - level.windowDays * DAY);
  const rows = await tx.availabilitySample.findMany({
    where: { serviceLevelId: level.id, periodEnd: { gt: from }, periodStart: { lt: now } },
    select: { periodStart: true, periodEnd: true, availabilityPercent: true },
  });
  const samples: AvailabilitySample[] = rows.map((r) => ({ start: r.periodStart.getTime(), end: r.periodEnd.getTime(), availabilityPercent: r.availabilityPercent }));
  return errorBudget(level.target, level.windowDays, now.getTime(), [], samples);
}
