import "server-only";
import { DEFAULT_STAGES } from "@/domain/stages";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZCreateServiceRequest, type TCreateServiceRequest } from "@/lib/schemas/service";
import { assertCan } from "@/server/auth/authorize";
import { now } from "@/server/clock";
import { parseInput } from "@/server/services/parse-input";
import { runCommand } from "@/server/services/events/run-command";
import { STAGE_SELECT, toStageDto } from "@/server/services/stages/stage-dto";
import type { TConfiguredStage } from "@/lib/schemas/stage";

/** Creates an IT service with its Obeya: the default value stream unless stages are given. */
export async function createService(actor: Actor, input: TCreateServiceRequest) {
  const cmd = parseInput(ZCreateServiceRequest, input);
  await assertCan(actor, "service.create", { teamId: cmd.teamId });
  const stages = cmd.stages ?? DEFAULT_STAGES.map((s) => ({ ...s }));

  const { result } = await runCommand(actor.kind === "user" ? actor.userId : null, async (tx, emit) => {
    const team = await tx.team.findUnique({ where: { id: cmd.teamId }, select: { id: true, orgId: true } });
    if (!team) throw new AppError("NOT_FOUND", "Team not found.");
    const clash = await tx.service.findUnique({ where: { key: cmd.key }, select: { id: true } });
    if (clash) throw new AppError("CONFLICT", `A service with key "${cmd.key}" exists already.`);
    const service = await tx.service.create({
      data: { orgId: team.orgId, teamId: team.id, key: cmd.key, name: cmd.name, description: cmd.description, createdAt: now() },
      select: { id: true, key: true, name: true },
    });
    const stageIds: string[] = [];
    const created: TConfiguredStage[] = [];
    for (const [position, s] of stages.entries()) {
      const stage = await tx.stage.create({
        data: {
          serviceId: service.id,
          key: s.key,
          name: s.name,
          position,
          wipLimit: s.wipLimit,
          ageThresholdHours: s.ageThresholdHours,
          doneCriteria: { create: s.doneCriteria.map((text, i) => ({ text, position: i })) },
        },
        select: STAGE_SELECT,
      });
      stageIds.push(stage.id);
      created.push(toStageDto(stage));
    }
    // The stages as created: wall playback starts from them (later changes are stage events).
    emit(service.id, "service.created", { serviceId: service.id, key: service.key, name: service.name, stageIds, stages: created });
    return { ...service, stageIds };
  });
  return result;
}
