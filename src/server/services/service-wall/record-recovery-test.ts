import "server-only";
import type { Actor } from "@/domain/permissions";
import { missedObjectives } from "@/domain/recovery";
import { AppError } from "@/lib/errors";
import { ZRecordRecoveryTestRequest, type TRecordRecoveryTestRequest, type TServiceWallWrite } from "@/lib/schemas/service-wall";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { actorIdOf, lastSeqOf, serviceFor } from "./service-wall-access";

/** A recovery test as it happened: date, scenario, the recovery point and time achieved, pass or fail, evidence, who. */
export async function recordRecoveryTest(actor: Actor, serviceId: string, input: TRecordRecoveryTestRequest): Promise<TServiceWallWrite> {
  const { result, events } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const service = await serviceFor(tx, actor, serviceId, "recoveryTest.record");
    const cmd = parseInput(ZRecordRecoveryTestRequest, input);
    const testedAt = new Date(cmd.testedAt);
    if (testedAt.getTime() > Date.now() + 5 * 60_000) {
      throw new AppError("RULE_VIOLATION", "A recovery test is recorded after it happened: its date cannot be in the future.", { rule: "TEST_IN_FUTURE" });
    }
    const test = await tx.recoveryTest.create({
      data: {
        serviceId: service.id,
        testedAt,
        scenario: cmd.scenario,
        achievedRpoMinutes: cmd.achievedRpoMinutes,
        achievedRtoMinutes: cmd.achievedRtoMinutes,
        passed: cmd.passed,
        evidenceUrl: cmd.evidenceUrl,
        recordedById: actorIdOf(actor),
      },
      select: { id: true },
    });
    const missed = missedObjectives(service, cmd);
    emit(service.id, "recoveryTest.recorded", { testId: test.id, testedAt: testedAt.toISOString(), passed: cmd.passed, missed });
    return { serviceId: service.id, id: test.id };
  });
  return { ok: true, id: result.id, version: null, seq: lastSeqOf(events, result.serviceId) };
}
