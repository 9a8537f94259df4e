import "server-only";
import { dataCriterionShortfall, isDataCriterion } from "@/domain/gate-data-criteria";
import { AppError } from "@/lib/errors";
import type { Tx } from "@/server/db";
import { loadServiceWallFacts } from "./load-service-wall-facts";

/**
 * Called by recordGateDecision: a PASS on "MRI complete" or "operations ready" is checked
 * against the service wall's data at the moment of deciding (422 naming what is missing).
 */
export async function assertDataCriteria(
  tx: Tx,
  serviceId: string,
  criteria: readonly { id: string; key: string; name: string }[],
  assessments: readonly { criterionId: string; result: string }[],
): Promise<void> {
  const passed = criteria.filter((c) => isDataCriterion(c.key) && assessments.some((a) => a.criterionId === c.id && a.result === "PASS"));
  if (passed.length === 0) return;
  const service = await tx.service.findUniqueOrThrow({
    where: { id: serviceId },
    select: { id: true, status: true, rpoMinutes: true, rtoMinutes: true, recoveryTestIntervalDays: true, mriRequiredKinds: true, endOfLifeDate: true },
  });
  const { facts, problems } = await loadServiceWallFacts(tx, service, new Date());
  const operationsProblems = problems
    .filter((p) => p.kind === "SLA_BREACH" || p.kind === "RECOVERY_TEST_OVERDUE" || p.kind === "BUDGET_BURN")
    .map((p) => p.message);
  if (service.rpoMinutes === null && service.rtoMinutes === null) operationsProblems.unshift("no RPO/RTO set");
  for (const c of passed) {
    const shortfall = dataCriterionShortfall(c.key, { mri: facts.mri, operationsProblems });
    if (shortfall) {
      throw new AppError("RULE_VIOLATION", `${c.name} cannot pass: the service wall says ${shortfall}. Record FAIL, or WAIVE it with a reason.`, {
        rule: "DATA_CRITERION_NOT_MET",
        criterionId: c.id,
      });
    }
  }
}
