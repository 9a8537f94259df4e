import "server-only";
import { isOverdue } from "@/domain/kaizen/pdca";
import { readKaizenSettings } from "@/domain/kaizen/settings";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import type { TProblemSheet } from "@/lib/schemas/kaizen";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { withTransactionScope } from "@/server/services/events/after-transaction";
import { loadNames } from "./get-kaizen-wall";
import { PROBLEM_CARD_SELECT, PROPOSAL_SELECT, toProblemCard, toProposalDto } from "./problem-dto";

/** The problem sheet (A3): the problem with data, whys, hypothesis, countermeasures, KPI, PDCA history. */
export async function getProblemSheet(actor: Actor, problemId: string): Promise<TProblemSheet> {
  const read = await withTransactionScope(() =>
    db.$transaction(async (tx) => {
      const problem = await tx.problem.findFirst({
        where: { id: problemId, service: visibleServiceWhere(actor) },
        select: {
          ...PROBLEM_CARD_SELECT,
          definition: true,
          hypothesis: true,
          evidence: true,
          recurrenceOfId: true,
          standardCriterionId: true,
          whys: { select: { text: true }, orderBy: { position: "asc" } },
          transitions: { select: { fromState: true, toState: true, cycle: true, byId: true, note: true, at: true }, orderBy: { at: "asc" } },
          andon: { select: { id: true, reason: true, itemId: true, releasedAt: true, countermeasure: true } },
          proposals: { select: PROPOSAL_SELECT },
          service: { select: { key: true, teamId: true, lastSeq: true, kaizenSettings: true } },
        },
      });
      if (!problem) throw new AppError("NOT_FOUND", "Problem not found.");
      await assertCan(actor, "service.view", { teamId: problem.service.teamId, serviceId: problem.serviceId });
      const [named, criterion, others] = await Promise.all([
        loadNames(tx, problem.serviceId, problem.service.teamId),
        problem.standardCriterionId
          ? tx.doneCriterion.findUnique({ where: { id: problem.standardCriterionId }, select: { id: true, text: true, stageId: true } })
          : Promise.resolve(null),
        tx.user.findMany({
          where: { id: { in: [...problem.transitions.map((t) => t.byId), problem.ownerId, ...problem.countermeasures.map((c) => c.ownerId)].filter((x): x is string => Boolean(x)) } },
          select: { id: true, name: true },
        }),
      ]);
      return { problem, named, criterion, others };
    }),
  );
  const { problem, named } = read;
  for (const u of read.others) named.names.person.set(u.id, u.name);
  const now = new Date();
  const settings = readKaizenSettings(problem.service.kaizenSettings);
  const card = toProblemCard(problem, named.names, now);
  const { counts: _counts, ...core } = card;
  void _counts;
  return {
    ...core,
    serviceKey: problem.service.key,
    seq: problem.service.lastSeq,
    definition: problem.definition,
    hypothesis: problem.hypothesis,
    evidence: (problem.evidence as Record<string, unknown> | null) ?? null,
    andon: problem.andon ? { ...problem.andon, releasedAt: problem.andon.releasedAt?.toISOString() ?? null } : null,
    whys: problem.whys.map((w) => w.text),
    countermeasures: problem.countermeasures.map((c) => ({
      id: c.id,
      description: c.description,
      ownerId: c.ownerId,
      ownerName: c.ownerId ? (named.names.person.get(c.ownerId) ?? null) : null,
      dueDate: c.dueDate ? c.dueDate.toISOString().slice(0, 10) : null,
      done: c.status === "DONE",
      overdue: isOverdue({ done: c.status === "DONE", dueDate: c.dueDate }, now),
      version: c.version,
    })),
    standard: problem.standard,
    standardCriterion: read.criterion,
    recurrenceOfId: problem.recurrenceOfId,
    history: problem.transitions.map((t) => ({
      from: t.fromState,
      to: t.toState,
      cycle: t.cycle,
      byName: t.byId ? (named.names.person.get(t.byId) ?? null) : null,
      note: t.note,
      at: t.at.toISOString(),
    })),
    confirmWeeks: settings.confirmWeeks,
    proposals: problem.proposals.map((p) => toProposalDto(p, named.names, now, settings.proposalAnswerDays)),
    stages: named.stages,
    people: named.people,
  };
}
