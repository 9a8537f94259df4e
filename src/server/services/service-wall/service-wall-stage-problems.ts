import "server-only";
import type { ServiceStatus } from "@/domain/end-of-life";
import { orderStages } from "@/domain/stages";
import type { StageProblem } from "@/domain/visual-control";
import type { Db, Tx } from "@/server/db";
import { loadServiceWallFacts } from "./load-service-wall-facts";

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
  const stages = orderStages(allStages.filter((s) => !s.retired));
  const { problems } = await loadServiceWallFacts(client, service, now);
  if (stages.length === 0) return [];
  const stageFor = (key: string) => (stages.find((s) => s.key === key) ?? stages.find((s) => s.key === "operations") ?? stages.at(-1)!).id;
  return problems.map(({ where, ...p }) => ({ ...p, stageId: stageFor(where) }));
}
