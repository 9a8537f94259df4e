import "server-only";
import type { Tx } from "@/server/db";
import type { EmitFn } from "@/server/services/events/run-command";

/**
 * Opens a Kaizen problem inside the caller's transaction (the andon opens one in the same
 * transaction as it is pulled, so there is never an andon without its problem).
 */
export async function openProblemInTx(
  tx: Tx,
  emit: EmitFn,
  p: { serviceId: string; stageId: string | null; source: "ANDON" | "DATA" | "MANUAL"; title: string; definition: string; ownerId: string | null },
) {
  const problem = await tx.problem.create({
    data: {
      serviceId: p.serviceId,
      stageId: p.stageId,
      source: p.source,
      title: p.title,
      definition: p.definition,
      ownerId: p.ownerId,
    },
    select: { id: true },
  });
  emit(p.serviceId, "problem.opened", { problemId: problem.id, stageId: p.stageId, source: p.source, title: p.title });
  return problem;
}
