import "server-only";
import { readKaizenSettings } from "@/domain/kaizen/settings";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import type { TKaizenWall } from "@/lib/schemas/kaizen";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { db, type Tx } from "@/server/db";
import { withTransactionScope } from "@/server/services/events/after-transaction";
import { teamWorkerWhere } from "./problem-access";
import { PROBLEM_CARD_SELECT, PROPOSAL_SELECT, toProblemCard, toProposalDto, type Names } from "./problem-dto";

/** The team and the stages of a service: the names cards and sheets show. */
export async function loadNames(tx: Tx, serviceId: string, teamId: string) {
  const [stages, members] = await Promise.all([
    tx.stage.findMany({ where: { serviceId }, orderBy: { position: "asc" }, select: { id: true, name: true, position: true, retired: true } }),
    tx.membership.findMany({ where: teamWorkerWhere(teamId), select: { user: { select: { id: true, name: true } } } }),
  ]);
  const people = [...new Map(members.map((m) => [m.user.id, m.user])).values()].sort((a, b) => a.name.localeCompare(b.name));
  const names: Names = { stage: new Map(stages.map((s) => [s.id, s.name])), person: new Map(people.map((p) => [p.id, p.name])) };
  return { stages: stages.filter((s) => !s.retired).map(({ id, name, position }) => ({ id, name, position })), people, names };
}

/**
 * The Kaizen wall of a service: every problem with its card figures (countermeasures done/open/
 * overdue, the KPI's weekly values for a sparkline) and the Kaizen-in-advance proposals, with the
 * `seq` they reflect. A fixed number of queries, read in one transaction.
 */
export async function getKaizenWall(actor: Actor, serviceKeyOrId: string): Promise<TKaizenWall> {
  const read = await withTransactionScope(() =>
    db.$transaction(async (tx) => {
      const service = await tx.service.findFirst({
        where: { OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }], ...visibleServiceWhere(actor) },
        select: { id: true, key: true, name: true, teamId: true, lastSeq: true, kaizenSettings: true },
      });
      if (!service) throw new AppError("NOT_FOUND", "Service not found.");
      await assertCan(actor, "service.view", { teamId: service.teamId, serviceId: service.id });
      const [problems, proposals, named] = await Promise.all([
        tx.problem.findMany({ where: { serviceId: service.id }, orderBy: { createdAt: "desc" }, select: PROBLEM_CARD_SELECT }),
        tx.kaizenProposal.findMany({ where: { serviceId: service.id }, orderBy: { createdAt: "desc" }, select: PROPOSAL_SELECT }),
        loadNames(tx, service.id, service.teamId),
      ]);
      return { service, problems, proposals, named };
    }),
  );
  const { service, named } = read;
  const now = new Date();
  const settings = readKaizenSettings(service.kaizenSettings);
  // Owners who left the team keep their name on their problems.
  const missing = [...new Set([...read.problems.map((p) => p.ownerId), ...read.proposals.flatMap((p) => [p.proposedById, p.answeredById])])].filter(
    (id): id is string => Boolean(id) && !named.names.person.has(id!),
  );
  if (missing.length > 0) {
    for (const u of await db.user.findMany({ where: { id: { in: missing } }, select: { id: true, name: true } })) named.names.person.set(u.id, u.name);
  }
  return {
    service: { id: service.id, key: service.key, name: service.name },
    seq: service.lastSeq,
    confirmWeeks: settings.confirmWeeks,
    problems: read.problems.map((p) => toProblemCard(p, named.names, now)),
    proposals: read.proposals.map((p) => toProposalDto(p, named.names, now, settings.proposalAnswerDays)),
    stages: named.stages,
    people: named.people,
  };
}
