import "server-only";
import { planDataProblems, type Condition } from "@/domain/kaizen/data-problems";
import { readKaizenSettings } from "@/domain/kaizen/settings";
import type { Actor } from "@/domain/permissions";
import { ageHours } from "@/domain/visual-control";
import { AppError } from "@/lib/errors";
import type { TDetectedProblems } from "@/lib/schemas/kaizen";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { db, type Tx } from "@/server/db";
import { log } from "@/server/log";
import { runCommand } from "@/server/services/events/run-command";
import { releaseGateProblems } from "@/server/services/releases/release-gate-problems";
import { waitingRfcProblems } from "@/server/services/rfcs/waiting-rfc-problems";
import { failingTestProblems } from "@/server/services/stories/failing-test-problems";
import { openDataProblemInTx } from "./open-problem";

const WEEK_MS = 7 * 86_400_000;

/** The wall conditions of a service now, one per cause and stage, with the evidence they show. */
async function currentConditions(tx: Tx, serviceId: string, sentBackPerWeek: number, now: Date): Promise<Condition[]> {
  const [stages, items, failingTests, waitingRfcs, failedGates, rejections] = await Promise.all([
    tx.stage.findMany({ where: { serviceId, retired: false }, select: { id: true, name: true, wipLimit: true, ageThresholdHours: true } }),
    tx.workItem.findMany({ where: { serviceId }, select: { id: true, title: true, stageId: true, enteredStageAt: true } }),
    failingTestProblems(tx, serviceId),
    waitingRfcProblems(tx, serviceId, now),
    releaseGateProblems(tx, serviceId),
    tx.event.findMany({
      where: { serviceId, type: "item.rejected", createdAt: { gte: new Date(now.getTime() - WEEK_MS) } },
      select: { seq: true, payload: true },
    }),
  ]);
  const stageName = new Map(stages.map((s) => [s.id, s.name]));
  const out: Condition[] = [];
  for (const stage of stages) {
    const here = items.filter((i) => i.stageId === stage.id);
    if (stage.wipLimit !== null && here.length > stage.wipLimit) {
      out.push({
        cause: "WIP_OVER_LIMIT",
        stageId: stage.id,
        title: `${stage.name} keeps running over its WIP limit`,
        definition: `${here.length} items in ${stage.name} against a WIP limit of ${stage.wipLimit}.`,
        evidence: { count: here.length, wipLimit: stage.wipLimit, itemIds: here.map((i) => i.id) },
      });
    }
    if (stage.ageThresholdHours !== null) {
      const aged = here.filter((i) => ageHours(i.enteredStageAt.toISOString(), now) > stage.ageThresholdHours!);
      if (aged.length > 0) {
        out.push({
          cause: "AGED",
          stageId: stage.id,
          title: `Work waits too long in ${stage.name}`,
          definition: `${aged.length} item(s) in ${stage.name} past the age threshold of ${stage.ageThresholdHours} h.`,
          evidence: { thresholdHours: stage.ageThresholdHours, itemIds: aged.map((i) => i.id), titles: aged.map((i) => i.title).slice(0, 20) },
        });
      }
    }
  }
  // Sent back: counted on the stage whose work came back (the upstream stage that received it).
  const sentBack = new Map<string, { seqs: number[]; itemIds: Set<string> }>();
  for (const r of rejections) {
    const p = r.payload as { toStageId: string; itemId: string };
    const entry = sentBack.get(p.toStageId) ?? { seqs: [], itemIds: new Set<string>() };
    entry.seqs.push(r.seq);
    entry.itemIds.add(p.itemId);
    sentBack.set(p.toStageId, entry);
  }
  for (const [stageId, { seqs, itemIds }] of sentBack) {
    if (seqs.length <= sentBackPerWeek || !stageName.has(stageId)) continue;
    out.push({
      cause: "SENT_BACK",
      stageId,
      title: `Work of ${stageName.get(stageId)} is sent back too often`,
      definition: `${seqs.length} items sent back to ${stageName.get(stageId)} in the last 7 days (more than ${sentBackPerWeek}).`,
      evidence: { count: seqs.length, perWeekLimit: sentBackPerWeek, eventSeqs: seqs, itemIds: [...itemIds] },
    });
  }
  for (const p of failingTests) {
    out.push({ cause: "FAILING_TEST", stageId: p.stageId, title: `Failing acceptance tests in ${stageName.get(p.stageId) ?? "a stage"}`, definition: p.message, evidence: { itemIds: p.itemIds } });
  }
  for (const p of waitingRfcs) {
    out.push({ cause: "RFC_WAITING", stageId: p.stageId, title: "Requests for change wait too long for approval", definition: p.message, evidence: { rfcIds: p.rfcIds } });
  }
  for (const p of failedGates) {
    out.push({ cause: "FAILED_GATE", stageId: p.stageId, title: "A release stands at NO-GO", definition: p.message, evidence: { itemIds: p.itemIds } });
  }
  return out;
}

/**
 * Problems from data for one service: remembers since when each wall condition holds, and opens
 * a problem (source DATA, with its evidence) for each that has persisted past the service's
 * threshold and has no open problem yet. Safe under concurrent triggers: the service row is
 * locked first, so two runs queue and the second sees the first's problems; Problem.openKey
 * is unique as a backstop.
 */
export async function detectDataProblemsFor(serviceId: string, now = new Date()): Promise<TDetectedProblems> {
  const { result } = await runCommand(null, async (tx, emit) => {
    const service = await tx.service.update({ where: { id: serviceId }, data: { lastSeq: { increment: 0 } }, select: { id: true, kaizenSettings: true } });
    const settings = readKaizenSettings(service.kaizenSettings);
    const [conditions, signals, open] = await Promise.all([
      currentConditions(tx, serviceId, settings.sentBackPerWeek, now),
      tx.problemSignal.findMany({ where: { serviceId }, select: { key: true, firstSeenAt: true } }),
      tx.problem.findMany({ where: { serviceId, openKey: { not: null } }, select: { cause: true } }),
    ]);
    const plan = planDataProblems({ conditions, signals, openKeys: new Set(open.map((p) => p.cause!)), settings, now });
    if (plan.startSignals.length > 0) {
      await tx.problemSignal.createMany({ data: plan.startSignals.map((key) => ({ serviceId, key, firstSeenAt: now, lastSeenAt: now })) });
    }
    if (plan.endSignals.length > 0) await tx.problemSignal.deleteMany({ where: { serviceId, key: { in: plan.endSignals } } });
    const opened: TDetectedProblems["opened"] = [];
    for (const c of plan.open) {
      const evidence = { ...c.evidence, conditionSince: c.since.toISOString(), detectedAt: now.toISOString() };
      const r = await openDataProblemInTx(tx, emit, { serviceId, cause: c.cause, stageId: c.stageId, title: c.title, definition: c.definition, evidence });
      if (r.opened) opened.push({ problemId: r.problemId, cause: c.cause, stageId: c.stageId });
    }
    return { opened };
  });
  return result;
}

/** On demand (the Process Master's button or the API). */
export async function detectDataProblems(actor: Actor, serviceKeyOrId: string): Promise<TDetectedProblems> {
  const service = await db.service.findFirst({
    where: { OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }], ...visibleServiceWhere(actor) },
    select: { id: true, teamId: true },
  });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  await assertCan(actor, "kaizen.facilitate", { teamId: service.teamId, serviceId: service.id });
  return detectDataProblemsFor(service.id);
}

/** The interval run (server.ts): every active service, one after the other; a failure is logged, not fatal. */
export async function detectDataProblemsEverywhere(): Promise<number> {
  const services = await db.service.findMany({ where: { status: "ACTIVE" }, select: { id: true } });
  let opened = 0;
  for (const s of services) {
    try {
      opened += (await detectDataProblemsFor(s.id)).opened.length;
    } catch (err) {
      log.error({ err, serviceId: s.id }, "problems-from-data run failed");
    }
  }
  return opened;
}
