import "server-only";
import { weeklyActionProblems } from "@/domain/weekly";
import type { StageProblem } from "@/domain/visual-control";
import type { Db, Tx } from "@/server/db";

const DAY_MS = 86_400_000;

/**
 * Visual control for the walls from the weekly synchronisation: each service's open actions past
 * their due day, one ACTION_OVERDUE problem (src/domain/weekly.ts) on its first open stage (the
 * whole service's place, as for a whole-service Kaizen problem). Two bounded queries whatever
 * the number of services: the late actions, and their owners' names (always sent, even empty).
 * No authorisation here: the caller (the wall snapshot, the portfolio) has checked the services.
 */
export async function weeklyActionStageProblemsMany(
  client: Tx | Db,
  serviceIds: readonly string[],
  stages: ReadonlyArray<{ id: string; serviceId?: string; position: number; retired: boolean }>,
  now: Date,
): Promise<Array<StageProblem & { stageId: string }>> {
  // A due date names a day: overdue once that day has passed (weeklyActionProblems decides exactly).
  const late = await client.weeklyAction.findMany({
    where: { serviceId: { in: [...serviceIds] }, status: "OPEN", dueDate: { lte: new Date(now.getTime() - DAY_MS) } },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
    select: { id: true, serviceId: true, text: true, ownerId: true, dueDate: true },
  });
  const owners = await client.user.findMany({ where: { id: { in: [...new Set(late.map((a) => a.ownerId))] } }, select: { id: true, name: true } });
  const ownerName = new Map(owners.map((u) => [u.id, u.name]));
  const out: Array<StageProblem & { stageId: string }> = [];
  for (const serviceId of serviceIds) {
    const own = late.filter((a) => a.serviceId === serviceId);
    if (own.length === 0) continue;
    const first = stages.filter((s) => (s.serviceId ?? serviceId) === serviceId && !s.retired).sort((a, b) => a.position - b.position)[0];
    if (!first) continue;
    const problems = weeklyActionProblems(
      own.map((a) => ({ id: a.id, text: a.text, ownerName: ownerName.get(a.ownerId) ?? "someone who left", done: false, dueDate: a.dueDate })),
      now,
    );
    out.push(...problems.map((p) => ({ ...p, stageId: first.id })));
  }
  return out;
}
