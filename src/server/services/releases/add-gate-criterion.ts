import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZCreateGateCriterionRequest, type TCreateGateCriterionRequest } from "@/lib/schemas/release";
import { assertCan } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { ensureDefaultGateCriteria } from "./ensure-default-gate-criteria";
import { actorIdOf, findVisibleService } from "./load-release";
import { CRITERION_SELECT, toCriterionDto } from "./release-dto";

/** A team's own gate criterion, after the defaults (which the service gets first if it has none). */
export async function addGateCriterion(actor: Actor, serviceKeyOrId: string, input: TCreateGateCriterionRequest) {
  const { result } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const service = await findVisibleService(tx, actor, serviceKeyOrId);
    await assertCan(actor, "service.configure", { teamId: service.teamId, serviceId: service.id });
    const cmd = parseInput(ZCreateGateCriterionRequest, input);
    await ensureDefaultGateCriteria(tx, emit, service.id);
    const taken = await tx.gateCriterion.findFirst({ where: { serviceId: service.id, key: cmd.key }, select: { id: true } });
    if (taken) throw new AppError("CONFLICT", `The service has a gate criterion "${cmd.key}" already.`);
    const last = await tx.gateCriterion.findFirst({
      where: { serviceId: service.id },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    const row = await tx.gateCriterion.create({
      data: { serviceId: service.id, key: cmd.key, name: cmd.name, description: cmd.description, position: (last?.position ?? -1) + 1 },
      select: CRITERION_SELECT,
    });
    emit(service.id, "gate.criterion.added", { criterionId: row.id, key: row.key, name: row.name });
    return toCriterionDto(row);
  });
  return result;
}
