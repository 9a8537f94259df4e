import "server-only";
import { DEFAULT_GATE_CRITERIA } from "@/domain/releases";
import type { Tx } from "@/server/db";
import type { EmitFn } from "@/server/services/events/run-command";

/**
 * Gives a service the four default gate criteria the first time it needs any (a release is
 * created, or a team adds its own). A service that has criteria, even retired ones, is left alone.
 * Runs inside the caller's command so the criteria and their events commit with it.
 */
export async function ensureDefaultGateCriteria(tx: Tx, emit: EmitFn, serviceId: string): Promise<void> {
  // A no-op write takes the service row's lock first: two first releases at once on PostgreSQL
  // would otherwise both see no criteria and both insert them.
  await tx.service.update({ where: { id: serviceId }, data: { lastSeq: { increment: 0 } }, select: { id: true } });
  const existing = await tx.gateCriterion.count({ where: { serviceId } });
  if (existing > 0) return;
  for (const [position, c] of DEFAULT_GATE_CRITERIA.entries()) {
    const row = await tx.gateCriterion.create({
      data: { serviceId, key: c.key, name: c.name, description: c.description, position },
      select: { id: true },
    });
    emit(serviceId, "gate.criterion.added", { criterionId: row.id, key: c.key, name: c.name });
  }
}
