import "server-only";
import type { Actor } from "@/domain/permissions";
import { latestDecision } from "@/domain/releases";
import { orderStages } from "@/domain/stages";
import { AppError } from "@/lib/errors";
import type { TItemDetail } from "@/lib/schemas/item-detail";
import { allowedActions } from "@/lib/permissions-view";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { withTransactionScope } from "@/server/services/events/after-transaction";
import { db } from "@/server/db";
import { STORY_SELECT, toStoryDto } from "@/server/services/stories/story-dto";
import { doneIn, FLOW_ITEM_SELECT, itemEventIds, toWallItemDto } from "./wall-item";

/**
 * A card's detail for the drawer: every field, its stage's done-criteria with who met them,
 * its stories and test results, the RfC it came from and the release carrying it with the
 * decision that stands. One transaction, a fixed number of queries (the item with its
 * relations, the stages, the names, and the rejection that brought it here when there is one).
 */
export async function getItemDetail(actor: Actor, itemId: string): Promise<TItemDetail> {
  return withTransactionScope(() =>
    db.$transaction(async (tx) => {
      const row = await tx.workItem.findFirst({
        where: { id: itemId, service: visibleServiceWhere(actor) },
        select: {
          ...FLOW_ITEM_SELECT,
          service: { select: { id: true, key: true, name: true, teamId: true, lastSeq: true, status: true } },
          stage: {
            select: {
              doneCriteria: { where: { retired: false }, orderBy: { position: "asc" }, select: { id: true, text: true } },
            },
          },
          criteria: {
            select: { criterionId: true, done: true, doneById: true, doneAt: true, criterion: { select: { stageId: true, retired: true } } },
          },
          andons: { where: { releasedAt: null }, orderBy: { pulledAt: "asc" }, take: 1, select: { id: true, reason: true, pulledAt: true } },
          stories: { orderBy: { createdAt: "asc" }, select: STORY_SELECT },
          changeRequest: {
            select: {
              id: true,
              kind: true,
              title: true,
              status: true,
              raisedById: true,
              createdAt: true,
              decidedAt: true,
              approvals: { orderBy: { createdAt: "asc" }, select: { role: true, userId: true, decision: true, reason: true, createdAt: true } },
            },
          },
          release: {
            select: {
              id: true,
              name: true,
              targetDate: true,
              pipelineStatus: true,
              decisions: { select: { id: true, outcome: true, comment: true, supersedesId: true, decidedById: true, createdAt: true } },
            },
          },
        },
      });
      if (!row) throw new AppError("NOT_FOUND", "Item not found.");
      const scope = { teamId: row.service.teamId, serviceId: row.serviceId };
      await assertCan(actor, "service.view", scope);

      const rfc = row.changeRequest;
      const decision = row.release ? latestDecision(row.release.decisions) : null;
      const userIds = new Set<string>();
      for (const c of row.criteria) if (c.doneById) userIds.add(c.doneById);
      if (rfc?.raisedById) userIds.add(rfc.raisedById);
      for (const a of rfc?.approvals ?? []) userIds.add(a.userId);
      if (decision) userIds.add(decision.decidedById);

      const [stages, users, sentBack] = await Promise.all([
        tx.stage.findMany({ where: { serviceId: row.serviceId }, select: { id: true, key: true, name: true, position: true, retired: true } }),
        userIds.size > 0 ? tx.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }) : [],
        row.rejectionCount > 0 ? lastRejectionInto(row) : null,
      ]);
      const person = (id: string) => ({ id, name: users.find((u) => u.id === id)?.name ?? "Unknown" });

      async function lastRejectionInto(item: { id: string; serviceId: string; stageId: string; enteredStageAt: Date }) {
        const [id] = await itemEventIds(tx, item.serviceId, item.id, { types: ["item.rejected"], newestFirst: true, limit: 1 });
        if (!id) return null;
        const ev = await tx.event.findUnique({ where: { id }, select: { payload: true } });
        const p = ev?.payload as { toStageId?: string; fromStageId?: string; reason?: string; enteredStageAt?: string } | undefined;
        // Only when the rejection is how the item got into the stage it is in now.
        if (!p || p.toStageId !== item.stageId || p.enteredStageAt !== item.enteredStageAt.toISOString()) return null;
        return { reason: p.reason ?? "", fromStageId: p.fromStageId ?? "" };
      }

      const ordered = orderStages(stages);
      const stage = ordered.find((s) => s.id === row.stageId)!;
      const states = new Map(row.criteria.filter((c) => c.criterion.stageId === row.stageId).map((c) => [c.criterionId, c]));
      const stories = row.stories.map(toStoryDto);
      const count = (kind: string) => stories.filter((s) => s.kind === kind).length;

      return {
        item: toWallItemDto(row, { doneCriterionIds: doneIn(row.criteria, row.stageId), andon: row.andons[0] ?? null, sentBack }),
        service: { id: row.service.id, key: row.service.key, name: row.service.name },
        stage,
        stages: ordered,
        criteria: row.stage.doneCriteria.map((c) => {
          const st = states.get(c.id);
          const done = st?.done ?? false;
          return {
            id: c.id,
            text: c.text,
            done,
            doneBy: done && st?.doneById ? person(st.doneById) : null,
            doneAt: done && st?.doneAt ? st.doneAt.toISOString() : null,
          };
        }),
        stories,
        storyCounts: {
          user: count("USER"),
          test: count("TEST"),
          operations: count("OPERATIONS"),
          failingTests: stories.reduce((n, s) => n + s.testCases.filter((t) => t.result === "FAILED").length, 0),
        },
        rfc: rfc && {
          id: rfc.id,
          kind: rfc.kind as "RFC" | "MAINTENANCE",
          title: rfc.title,
          status: rfc.status as "PENDING" | "APPROVED" | "REJECTED",
          raisedBy: rfc.raisedById ? person(rfc.raisedById) : null,
          createdAt: rfc.createdAt.toISOString(),
          decidedAt: rfc.decidedAt?.toISOString() ?? null,
          approvals: rfc.approvals.map((a) => ({
            role: a.role,
            decision: a.decision as "APPROVE" | "REJECT",
            by: person(a.userId),
            reason: a.reason,
            createdAt: a.createdAt.toISOString(),
          })),
        },
        release: row.release && {
          id: row.release.id,
          name: row.release.name,
          targetDate: row.release.targetDate?.toISOString() ?? null,
          pipelineStatus: row.release.pipelineStatus as "NOT_STARTED" | "RUNNING" | "PASSED" | "FAILED",
          latestDecision: decision && {
            id: decision.id,
            outcome: decision.outcome as "GO" | "NO_GO",
            comment: decision.comment,
            decidedBy: person(decision.decidedById),
            decidedAt: decision.createdAt.toISOString(),
          },
        },
        permissions: allowedActions(actor, scope, row.service.status),
        seq: row.service.lastSeq,
      };
    }),
  );
}
