import "server-only";
import { readKaizenSettings } from "@/domain/kaizen/settings";
import { kaizenWallProblems, type KaizenWallProblem } from "@/domain/kaizen/wall-problems";
import type { Db, Tx } from "@/server/db";

const DAY_MS = 86_400_000;

export type OpenProblem = { id: string; title: string; stageId: string | null };
export type OpenProposal = { id: string; fromStageId: string; toStageId: string; proposal: string; createdAt: Date };

/**
 * Visual control for the value-stream wall from Kaizen: overdue countermeasures of open problems
 * and Kaizen-in-advance proposals unanswered past the service's threshold (the rules in
 * src/domain/kaizen/wall-problems.ts), every open proposal for the wall's feedback loop, and the
 * open problems whose sheets the stage headers link. Three bounded queries (late
 * countermeasures only; open proposals and open problems, which are few). No
 * authorisation here: the caller (the wall snapshot) has checked the service.
 */
export async function kaizenStageProblems(
  client: Tx | Db,
  service: { id: string; kaizenSettings: unknown },
  stages: ReadonlyArray<{ id: string; name: string; position: number; retired: boolean }>,
  now: Date,
): Promise<{ problems: KaizenWallProblem[]; openProposals: OpenProposal[]; openProblems: OpenProblem[] }> {
  const settings = readKaizenSettings(service.kaizenSettings);
  // A due date names a day: overdue once that day has passed (isOverdue decides exactly).
  const dueBefore = new Date(now.getTime() - DAY_MS);
  // One after another: a transaction has one connection, and queries raced on it come back
  // empty-handed (undefined, not an error) when PostgreSQL cuts it, which answered 500, not 503.
  const late = await client.countermeasure.findMany({
    where: { status: "OPEN", dueDate: { lte: dueBefore }, problem: { serviceId: service.id, pdca: { not: "CLOSED" } } },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
    select: { description: true, dueDate: true, problem: { select: { id: true, title: true, stageId: true } } },
  });
  const proposals = await client.kaizenProposal.findMany({
    // All open ones: late ones are problems, and the wall shows every one as its feedback loop.
    where: { serviceId: service.id, status: "OPEN" },
    orderBy: { createdAt: "asc" },
    select: { id: true, fromStageId: true, toStageId: true, proposal: true, createdAt: true },
  });
  // Every open problem, so the stage headers link their sheets.
  const openProblems = await client.problem.findMany({
    where: { serviceId: service.id, pdca: { not: "CLOSED" } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, title: true, stageId: true },
  });
  if (late.length === 0 && proposals.length === 0) return { problems: [], openProposals: [], openProblems };
  const problems = new Map<string, { id: string; title: string; stageId: string | null; countermeasures: { description: string; done: boolean; dueDate: Date | null }[] }>();
  for (const c of late) {
    const p = problems.get(c.problem.id) ?? { ...c.problem, countermeasures: [] };
    p.countermeasures.push({ description: c.description, done: false, dueDate: c.dueDate });
    problems.set(p.id, p);
  }
  const open = [...stages].filter((s) => !s.retired).sort((a, b) => a.position - b.position);
  const name = new Map(stages.map((s) => [s.id, s.name]));
  const problemsOnWall = kaizenWallProblems({
    problems: [...problems.values()],
    proposals: proposals.map((p) => ({ id: p.id, fromStageName: name.get(p.fromStageId) ?? "a downstream stage", toStageId: p.toStageId, createdAt: p.createdAt })),
    stageIds: open.map((s) => s.id),
    proposalAnswerDays: settings.proposalAnswerDays,
    now,
  });
  return { problems: problemsOnWall, openProposals: proposals, openProblems };
}

/**
 * The same problems for many services at once (the portfolio), without the wall's open lists:
 * two queries, whatever their number; the one rule (kaizenWallProblems) decides as above.
 */
export async function kaizenStageProblemsMany(
  client: Tx | Db,
  services: ReadonlyArray<{ id: string; kaizenSettings: unknown }>,
  stages: ReadonlyArray<{ id: string; serviceId: string; name: string; position: number; retired: boolean }>,
  now: Date,
): Promise<KaizenWallProblem[]> {
  const settingsOf = new Map(services.map((s) => [s.id, readKaizenSettings(s.kaizenSettings)]));
  // A due date names a day: overdue once that day has passed (isOverdue decides exactly).
  const dueBefore = new Date(now.getTime() - DAY_MS);
  // The shortest threshold bounds the read; each service's own is applied below.
  const shortest = Math.min(...[...settingsOf.values()].map((s) => s.proposalAnswerDays));
  const askedBefore = new Date(now.getTime() - (Number.isFinite(shortest) ? shortest : 0) * DAY_MS);
  const ids = services.map((s) => s.id);
  const [late, proposals] = await Promise.all([
    client.countermeasure.findMany({
      where: { status: "OPEN", dueDate: { lte: dueBefore }, problem: { serviceId: { in: ids }, pdca: { not: "CLOSED" } } },
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
      select: { description: true, dueDate: true, problem: { select: { id: true, title: true, stageId: true, serviceId: true } } },
    }),
    client.kaizenProposal.findMany({
      where: { serviceId: { in: ids }, status: "OPEN", createdAt: { lte: askedBefore } },
      orderBy: { createdAt: "asc" },
      select: { id: true, serviceId: true, fromStageId: true, toStageId: true, createdAt: true },
    }),
  ]);
  if (late.length === 0 && proposals.length === 0) return [];
  const out: KaizenWallProblem[] = [];
  const name = new Map(stages.map((s) => [s.id, s.name]));
  for (const service of services) {
    const settings = settingsOf.get(service.id)!;
    const problems = new Map<string, { id: string; title: string; stageId: string | null; countermeasures: { description: string; done: boolean; dueDate: Date | null }[] }>();
    for (const c of late) {
      if (c.problem.serviceId !== service.id) continue;
      const { serviceId: _, ...head } = c.problem;
      const p = problems.get(c.problem.id) ?? { ...head, countermeasures: [] };
      p.countermeasures.push({ description: c.description, done: false, dueDate: c.dueDate });
      problems.set(p.id, p);
    }
    const own = proposals.filter((p) => p.serviceId === service.id);
    if (problems.size === 0 && own.length === 0) continue;
    const open = stages.filter((s) => s.serviceId === service.id && !s.retired).sort((a, b) => a.position - b.position);
    out.push(
      ...kaizenWallProblems({
        problems: [...problems.values()],
        proposals: own.map((p) => ({ id: p.id, fromStageName: name.get(p.fromStageId) ?? "a downstream stage", toStageId: p.toStageId, createdAt: p.createdAt })),
        stageIds: open.map((s) => s.id),
        proposalAnswerDays: settings.proposalAnswerDays,
        now,
      }),
    );
  }
  return out;
}
