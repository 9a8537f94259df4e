import "server-only";
import { isOverdue } from "@/domain/kaizen/pdca";
import { deliveryWindow } from "@/domain/metrics/delivery-summary";
import type { DeploymentFact } from "@/domain/metrics/dora";
import { yearToDate } from "@/domain/operating-cost";
import type { Actor } from "@/domain/permissions";
import { can } from "@/domain/permissions";
import { portfolioRow, sortPortfolio } from "@/domain/portfolio";
import { orderStages } from "@/domain/stages";
import { stageProblems, type HealthItem, type StageProblem } from "@/domain/visual-control";
import type { ServiceStatus } from "@/domain/end-of-life";
import type { TPortfolio } from "@/lib/schemas/portfolio";
import { visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { deliverySummaries } from "@/server/services/metrics/delivery-summaries";
import { kaizenStageProblemsMany } from "@/server/services/problems/kaizen-stage-problems";
import { weeklyActionStageProblemsMany } from "@/server/services/weekly/weekly-action-problems";
import { releaseGateProblemsMany } from "@/server/services/releases/release-gate-problems";
import { waitingRfcProblemsMany } from "@/server/services/rfcs/waiting-rfc-problems";
import { serviceWallStageProblemsMany } from "@/server/services/service-wall/service-wall-stage-problems";
import { failingTestProblemsMany } from "@/server/services/stories/failing-test-problems";

const DAY_MS = 86_400_000;

type RejectionPayload = { itemId: string; toStageId: string; reason: string; enteredStageAt: string };

/**
 * The portfolio wall: every service the actor may see (scoped in the query: others' rows,
 * counts and problems never load), one row each, worst first. The stage cells are the
 * value-stream wall's own stage problems (stageProblems plus the same server-side sources,
 * each read once for all services), so a cell is red exactly when the wall's stage is. A fixed
 * number of queries whatever the number of services, in one transaction so rows and seqs
 * describe one moment. Lead time and delivery tier come from the metrics wall's fold, kept per
 * service with the seq it was computed at (delivery-summaries.ts): only services whose log moved
 * since the last read are folded again.
 */
export async function getPortfolio(actor: Actor, now = new Date()): Promise<TPortfolio> {
  const read = await db.$transaction(async (tx) => {
    const visible = await tx.service.findMany({
      where: visibleServiceWhere(actor),
      orderBy: { name: "asc" },
      select: {
        id: true,
        key: true,
        name: true,
        status: true,
        teamId: true,
        lastSeq: true,
        team: { select: { name: true } },
        rpoMinutes: true,
        rtoMinutes: true,
        recoveryTestIntervalDays: true,
        mriRequiredKinds: true,
        endOfLifeDate: true,
        kaizenSettings: true,
      },
    });
    const services = visible
      .filter((s) => can(actor, "service.view", { teamId: s.teamId, serviceId: s.id }))
      .map((s) => ({ ...s, status: s.status as ServiceStatus }));
    if (services.length === 0) return null;
    const ids = services.map((s) => s.id);
    const inServices = { serviceId: { in: ids } };
    const [stages, items, andons, rejections, failingTests, waitingRfcs, failedGates, openProblems, lateCountermeasures, deployments] = await Promise.all([
      tx.stage.findMany({
        where: inServices,
        select: { id: true, serviceId: true, key: true, name: true, position: true, wipLimit: true, ageThresholdHours: true, retired: true },
      }),
      tx.workItem.findMany({
        where: inServices,
        select: { id: true, serviceId: true, stageId: true, title: true, blockedReason: true, enteredStageAt: true, expedite: true, expediteReason: true, rejectionCount: true },
      }),
      tx.andon.findMany({
        where: { ...inServices, releasedAt: null },
        orderBy: { pulledAt: "asc" },
        select: { stageId: true, itemId: true, reason: true, problemId: true },
      }),
      tx.event.findMany({ where: { ...inServices, type: "item.rejected" }, orderBy: [{ serviceId: "asc" }, { seq: "asc" }], select: { payload: true } }),
      failingTestProblemsMany(tx, ids),
      waitingRfcProblemsMany(tx, ids, now),
      releaseGateProblemsMany(tx, ids),
      tx.problem.groupBy({ by: ["serviceId"], where: { ...inServices, pdca: { not: "CLOSED" } }, _count: { _all: true } }),
      tx.countermeasure.findMany({
        where: { status: "OPEN", dueDate: { lte: new Date(now.getTime() - DAY_MS) }, problem: { ...inServices, pdca: { not: "CLOSED" } } },
        select: { dueDate: true, problem: { select: { serviceId: true } } },
      }),
      tx.deployment.findMany({
        where: { ...inServices, finishedAt: { gte: new Date(deliveryWindow(now.getTime()).from) } },
        select: { id: true, serviceId: true, environment: true, result: true, finishedAt: true },
      }),
    ]);
    const [serviceWall, kaizen] = await Promise.all([
      serviceWallStageProblemsMany(tx, services, stages, now),
      kaizenStageProblemsMany(tx, services, stages, now),
    ]);
    const weeklyActions = await weeklyActionStageProblemsMany(tx, ids, stages, now);
    return { services, stages, items, andons, rejections, extras: [...failingTests, ...waitingRfcs, ...failedGates, ...serviceWall.problems, ...kaizen, ...weeklyActions], serviceWall: serviceWall.reads, openProblems, lateCountermeasures, deployments };
  });
  if (!read) return { generatedAt: now.toISOString(), rows: [], seqs: {} };

  const extraByStage = new Map<string, StageProblem[]>();
  for (const { stageId, kind, message, itemIds, problemIds, proposalIds } of read.extras as Array<StageProblem & { stageId: string }>) {
    const p: StageProblem = { kind, message, itemIds, ...(problemIds ? { problemIds } : {}), ...(proposalIds ? { proposalIds } : {}) };
    extraByStage.set(stageId, [...(extraByStage.get(stageId) ?? []), p]);
  }
  const andonsByStage = new Map<string, Array<{ reason: string; itemId: string | null; problemId: string | null }>>();
  for (const a of read.andons) andonsByStage.set(a.stageId, [...(andonsByStage.get(a.stageId) ?? []), a]);
  const lastRejection = new Map<string, RejectionPayload>();
  for (const { payload } of read.rejections) {
    const p = payload as RejectionPayload;
    lastRejection.set(p.itemId, p);
  }
  // The same health facts per item as the value-stream wall (get-wall-snapshot.ts).
  const healthByStage = new Map<string, HealthItem[]>();
  const itemCount = new Map<string, number>();
  for (const row of read.items) {
    const entered = row.enteredStageAt.toISOString();
    const r = row.rejectionCount > 0 ? lastRejection.get(row.id) : undefined;
    const health: HealthItem = {
      id: row.id,
      title: row.title,
      blockedReason: row.blockedReason,
      enteredStageAt: entered,
      expediteReason: row.expedite && row.expediteReason ? row.expediteReason : null,
      sentBackReason: r && r.toStageId === row.stageId && r.enteredStageAt === entered ? r.reason : null,
    };
    const list = healthByStage.get(row.stageId);
    if (list) list.push(health);
    else healthByStage.set(row.stageId, [health]);
    itemCount.set(row.serviceId, (itemCount.get(row.serviceId) ?? 0) + 1);
  }
  const stagesOf = new Map<string, typeof read.stages>();
  for (const s of read.stages) stagesOf.set(s.serviceId, [...(stagesOf.get(s.serviceId) ?? []), s]);
  const deploymentsOf = new Map<string, DeploymentFact[]>();
  for (const d of read.deployments) {
    const fact: DeploymentFact = { id: d.id, environment: d.environment, result: d.result, finishedAt: d.finishedAt.getTime(), commitAt: null, reworkForIncidentId: null };
    deploymentsOf.set(d.serviceId, [...(deploymentsOf.get(d.serviceId) ?? []), fact]);
  }
  const delivery = await deliverySummaries(
    read.services.map((s) => ({ id: s.id, lastSeq: s.lastSeq, stages: stagesOf.get(s.id) ?? [], deployments: deploymentsOf.get(s.id) ?? [] })),
    now.getTime(),
  );
  const openProblems = new Map(read.openProblems.map((g) => [g.serviceId, g._count._all]));
  const overdue = new Map<string, number>();
  for (const c of read.lateCountermeasures) {
    if (isOverdue({ done: false, dueDate: c.dueDate }, now)) overdue.set(c.problem.serviceId, (overdue.get(c.problem.serviceId) ?? 0) + 1);
  }

  const rows = read.services.map((service) => {
    const stages = orderStages(stagesOf.get(service.id) ?? []).flatMap((s) => {
      const problems = stageProblems({
        stage: s,
        items: healthByStage.get(s.id) ?? [],
        openAndons: andonsByStage.get(s.id) ?? [],
        extra: extraByStage.get(s.id),
        now,
      });
      // A retired stage is off the stream; it shows only while something is wrong there.
      return s.retired && problems.length === 0 ? [] : [{ id: s.id, name: s.name, problems }];
    });
    const facts = read.serviceWall.get(service.id);
    const ytd = facts ? yearToDate(facts.lines, now) : null;
    return portfolioRow({
      service: { id: service.id, key: service.key, name: service.name, status: service.status, teamName: service.team.name },
      stages,
      itemCount: itemCount.get(service.id) ?? 0,
      openKaizenProblems: openProblems.get(service.id) ?? 0,
      overdueCountermeasures: overdue.get(service.id) ?? 0,
      levels: facts?.facts.levels ?? [],
      costVariancePercent: ytd && ytd.planned > 0 ? ytd.variancePercent : null,
      delivery: delivery.get(service.id) ?? null,
    });
  });
  return {
    generatedAt: now.toISOString(),
    rows: sortPortfolio(rows),
    seqs: Object.fromEntries(read.services.map((s) => [s.id, s.lastSeq])),
  };
}
