import "server-only";
import { stageProblems, type HealthItem, type StageProblem } from "@/domain/visual-control";
import type { Actor } from "@/domain/permissions";
import { orderStages } from "@/domain/stages";
import { AppError } from "@/lib/errors";
import type { TWallItem } from "@/lib/schemas/item";
import type { TFeedbackProposal, TOpenAndon, TWallSnapshot, TWallStage } from "@/lib/schemas/wall";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { withTransactionScope } from "@/server/services/events/after-transaction";
import { db } from "@/server/db";
import { toWallItemDto } from "@/server/services/items/wall-item";
import { releaseGateProblems } from "@/server/services/releases/release-gate-problems";
import { waitingRfcProblems } from "@/server/services/rfcs/waiting-rfc-problems";
import { failingTestProblems } from "@/server/services/stories/failing-test-problems";
import { kaizenStageProblems } from "@/server/services/problems/kaizen-stage-problems";
import { weeklyActionStageProblemsMany } from "@/server/services/weekly/weekly-action-problems";
import { serviceWallStageProblems } from "@/server/services/service-wall/service-wall-stage-problems";
import { readWallCore } from "./wall-core-rows";

export type WallSnapshot = TWallSnapshot;

type ServerProblem = StageProblem & { stageId: string };

/** What the snapshot sends of a server-side problem: the model's fields only (rfcIds etc. stay behind). */
function toServerProblem({ stageId, kind, message, itemIds, problemIds, proposalIds, actionIds }: ServerProblem): ServerProblem {
  return { stageId, kind, message, itemIds, ...(problemIds ? { problemIds } : {}), ...(proposalIds ? { proposalIds } : {}), ...(actionIds ? { actionIds } : {}) };
}

type RejectionPayload = { itemId: string; fromStageId: string; toStageId: string; reason: string; enteredStageAt: string };

/**
 * The value-stream wall of one service in a fixed number of queries, whatever its size:
 * service, stages (+ their criteria), items, met criteria, open andons, rejection events, the
 * names of who pulled the andons, and the problems only the server can see (failing test
 * cases, RfCs waiting for approval, a standing NO-GO: one or two queries each). Everything per
 * item and per stage (JKK states, andons, rejections, problems) is joined in memory. Read in
 * one transaction so the rows and `seq` describe the same moment.
 */
export async function getWallSnapshot(actor: Actor, serviceKeyOrId: string): Promise<WallSnapshot> {
  // The denial of an API token without service.view is recorded after the read transaction.
  const read = await withTransactionScope(() => db.$transaction(async (tx) => {
    const service = await tx.service.findFirst({
      where: { OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }], ...visibleServiceWhere(actor) },
      select: {
        id: true,
        key: true,
        name: true,
        description: true,
        teamId: true,
        status: true,
        lastSeq: true,
        // for the service wall's problems (Operations and End-of-life stages)
        rpoMinutes: true,
        rtoMinutes: true,
        recoveryTestIntervalDays: true,
        mriRequiredKinds: true,
        endOfLifeDate: true,
        // Kaizen's thresholds (proposals unanswered too long)
        kaizenSettings: true,
      },
    });
    if (!service) throw new AppError("NOT_FOUND", "Service not found.");
    await assertCan(actor, "service.view", { teamId: service.teamId, serviceId: service.id });
    const serviceId = service.id;
    const now = new Date();
    const [core, failingTests, waitingRfcs, failedGates] = await Promise.all([
      readWallCore(tx, serviceId),
      failingTestProblems(tx, serviceId),
      waitingRfcProblems(tx, serviceId, now),
      releaseGateProblems(tx, serviceId),
    ]);
    const { stages, items, states, andons, rejections } = core;
    const [serviceWall, kaizen] = await Promise.all([serviceWallStageProblems(tx, service, stages, now), kaizenStageProblems(tx, service, stages, now)]);
    // After the others, not beside them: one connection per transaction (see kaizenStageProblems).
    const weeklyActions = await weeklyActionStageProblemsMany(tx, [serviceId], stages, now);
    // Always sent (an empty list included), so the number of queries does not depend on the data.
    const pullers = await tx.user.findMany({
      where: { id: { in: [...new Set(andons.flatMap((a) => (a.pulledById ? [a.pulledById] : [])))] } },
      select: { id: true, name: true },
    });
    const serverProblems: ServerProblem[] = [...failingTests, ...waitingRfcs, ...failedGates, ...serviceWall, ...kaizen.problems, ...weeklyActions].map(toServerProblem);
    return { service, stages, items, states, andons, rejections, pullers, serverProblems, openProposals: kaizen.openProposals, openProblems: kaizen.openProblems, now };
  }));
  const { service, stages, items, now } = read;
  const pullerName = new Map(read.pullers.map((u) => [u.id, u.name]));
  const extraByStage = new Map<string, StageProblem[]>();
  for (const { stageId, ...p } of read.serverProblems) extraByStage.set(stageId, [...(extraByStage.get(stageId) ?? []), p]);

  // Criterion → its stage (retired criteria are absent: they no longer count).
  const criterionStage = new Map<string, string>();
  for (const s of stages) for (const c of s.doneCriteria) criterionStage.set(c.id, s.id);
  const doneByItem = new Map<string, string[]>();
  for (const st of read.states) {
    const list = doneByItem.get(st.itemId);
    if (list) list.push(st.criterionId);
    else doneByItem.set(st.itemId, [st.criterionId]);
  }

  const andonsByStage = new Map<string, TOpenAndon[]>();
  const andonByItem = new Map<string, TOpenAndon>();
  for (const a of read.andons) {
    const dto: TOpenAndon = { ...a, pulledAt: a.pulledAt.toISOString(), pulledByName: a.pulledById ? (pullerName.get(a.pulledById) ?? null) : null };
    andonsByStage.set(a.stageId, [...(andonsByStage.get(a.stageId) ?? []), dto]);
    if (a.itemId && !andonByItem.has(a.itemId)) andonByItem.set(a.itemId, dto);
  }

  const sent = new Map<string, number>();
  const received = new Map<string, number>();
  const lastRejection = new Map<string, RejectionPayload>();
  for (const { payload } of read.rejections) {
    const p = payload as RejectionPayload;
    sent.set(p.fromStageId, (sent.get(p.fromStageId) ?? 0) + 1);
    received.set(p.toStageId, (received.get(p.toStageId) ?? 0) + 1);
    lastRejection.set(p.itemId, p);
  }

  const wallItems: TWallItem[] = new Array(items.length);
  const healthByStage = new Map<string, HealthItem[]>();
  for (let i = 0; i < items.length; i++) {
    const row = items[i]!;
    const states = doneByItem.get(row.id);
    const andon = andonByItem.get(row.id);
    const dto = toWallItemDto(row, {
      doneCriterionIds: states ? states.filter((c) => criterionStage.get(c) === row.stageId) : [],
      andon: andon ? { id: andon.id, reason: andon.reason, pulledAt: new Date(andon.pulledAt) } : null,
      sentBack: null,
    });
    const entered = dto.enteredStageAt;
    const r = row.rejectionCount > 0 ? lastRejection.get(row.id) : undefined;
    const sentBack = r && r.toStageId === row.stageId && r.enteredStageAt === entered ? { reason: r.reason, fromStageId: r.fromStageId } : null;
    dto.sentBack = sentBack;
    wallItems[i] = dto;
    const health: HealthItem = {
      id: row.id,
      title: row.title,
      blockedReason: row.blockedReason,
      enteredStageAt: entered,
      expediteReason: dto.expedite?.reason ?? null,
      sentBackReason: sentBack?.reason ?? null,
    };
    const list = healthByStage.get(row.stageId);
    if (list) list.push(health);
    else healthByStage.set(row.stageId, [health]);
  }

  const feedbackByStage = new Map<string, TFeedbackProposal[]>();
  for (const p of read.openProposals) {
    const dto = { id: p.id, fromStageId: p.fromStageId, toStageId: p.toStageId, proposal: p.proposal, createdAt: p.createdAt.toISOString() };
    feedbackByStage.set(p.toStageId, [...(feedbackByStage.get(p.toStageId) ?? []), dto]);
  }

  // Open Kaizen problems by stage; one for the whole service shows on the first open stage.
  const firstOpen = orderStages(stages).find((s) => !s.retired)?.id;
  const kaizenByStage = new Map<string, { id: string; title: string }[]>();
  for (const p of read.openProblems) {
    const at = p.stageId && stages.some((s) => s.id === p.stageId) ? p.stageId : firstOpen;
    if (at) kaizenByStage.set(at, [...(kaizenByStage.get(at) ?? []), { id: p.id, title: p.title }]);
  }

  const wallStages: TWallStage[] = orderStages(stages).map((s) => {
    const here = healthByStage.get(s.id) ?? [];
    const openAndons = andonsByStage.get(s.id) ?? [];
    const problems: StageProblem[] = stageProblems({
      stage: s,
      items: here,
      openAndons: openAndons.map((a) => ({ reason: a.reason, itemId: a.itemId, problemId: a.problemId })),
      extra: extraByStage.get(s.id),
      now,
    });
    return {
      ...s,
      itemCount: here.length,
      openAndons,
      rejections: { sent: sent.get(s.id) ?? 0, received: received.get(s.id) ?? 0 },
      problems,
      kaizenProblems: kaizenByStage.get(s.id) ?? [],
      feedback: feedbackByStage.get(s.id) ?? [],
    };
  });
  const { id, key, name, description, teamId, status, lastSeq } = service;
  const rest = { id, key, name, description, teamId, status };
  return {
    service: rest,
    stages: wallStages,
    items: wallItems,
    problems: wallStages.flatMap((s) => s.problems.map((p) => ({ ...p, stageId: s.id, stageName: s.name }))),
    seq: lastSeq,
  };
}
