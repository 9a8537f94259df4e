import "server-only";
import type { ServiceStatus } from "@/domain/end-of-life";
import { orderStages } from "@/domain/stages";
import type { StageProblem } from "@/domain/visual-control";
import type { Db, Tx } from "@/server/db";
import { loadServiceWallFactsMany } from "./load-service-wall-facts";

type Head = {
  id: string;
  status: ServiceStatus;
  rpoMinutes: number | null;
  rtoMinutes: number | null;
  recoveryTestIntervalDays: number;
  mriRequiredKinds: string;
  endOfLifeDate: Date | null;
};

/**
 * The service wall's problems for the value-stream wall: on the Operations stage (end of life
 * on the End-of-life stage; a service without those stages shows them on its last open stage).
 * Takes the service and stages the wall has read already. No authorisation here: the caller
 * has checked the service.
 */
export async function serviceWallStageProblems(
  client: Tx | Db,
  service: Head,
  allStages: readonly { id: string; key: string; position: number; retired: boolean }[],
  now: Date,
): Promise<(StageProblem & { stageId: string })[]> {
  const { problems } = await serviceWallStageProblemsMany(client, [service], allStages.map((s) => ({ ...s, serviceId: service.id })), now);
  return problems;
}

/**
 * The same for many services at once (the portfolio): six queries, whatever their number. Also
 * answers each service's facts (SLA levels, cost lines) for those who show more than problems.
 */
export async function serviceWallStageProblemsMany(
  client: Tx | Db,
  services: readonly Head[],
  allStages: readonly { id: string; serviceId: string; key: string; position: number; retired: boolean }[],
  now: Date,
) {
  const reads = await loadServiceWallFactsMany(client, services, now);
  const problems: (StageProblem & { stageId: string })[] = [];
  for (const service of services) {
    const stages = orderStages(allStages.filter((s) => s.serviceId === service.id && !s.retired));
    if (stages.length === 0) continue;
    const stageFor = (key: string) => (stages.find((s) => s.key === key) ?? stages.find((s) => s.key === "operations") ?? stages.at(-1)!).id;
    for (const { where, ...p } of reads.get(service.id)!.problems) problems.push({ ...p, stageId: stageFor(where) });
  }
  return { problems, reads };
}
