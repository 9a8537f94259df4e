import "server-only";
import type { Db, Tx } from "@/server/db";

export type FailingTestProblem = { stageId: string; kind: "FAILING_TEST"; message: string; itemIds: string[] };

/**
 * Visual control for the value-stream wall: per stage, the items whose test story has a failed
 * acceptance case. No authorisation here: the caller (the wall snapshot) has already checked
 * the service. A bounded single query.
 */
export async function failingTestProblems(client: Tx | Db, serviceId: string): Promise<FailingTestProblem[]> {
  return failingTestProblemsMany(client, [serviceId]);
}

/** The same for many services at once (the portfolio): one query; stage ids tell them apart. */
export async function failingTestProblemsMany(client: Tx | Db, serviceIds: readonly string[]): Promise<FailingTestProblem[]> {
  const failing = await client.testCase.findMany({
    where: { result: "FAILED", story: { kind: "TEST", item: { serviceId: { in: [...serviceIds] }, doneAt: null } } },
    select: { story: { select: { item: { select: { id: true, stageId: true } } } } },
  });
  const byStage = new Map<string, { items: Set<string>; cases: number }>();
  for (const c of failing) {
    const { id, stageId } = c.story.item;
    const entry = byStage.get(stageId) ?? { items: new Set<string>(), cases: 0 };
    entry.items.add(id);
    entry.cases += 1;
    byStage.set(stageId, entry);
  }
  return [...byStage].map(([stageId, { items, cases }]) => ({
    stageId,
    kind: "FAILING_TEST" as const,
    message: `${cases} failing acceptance test ${cases === 1 ? "case" : "cases"} on ${items.size} ${items.size === 1 ? "item" : "items"}`,
    itemIds: [...items],
  }));
}
