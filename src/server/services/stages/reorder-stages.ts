import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZReorderStagesRequest, type TConfiguredStage, type TReorderStagesRequest } from "@/lib/schemas/stage";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { findServiceToConfigure, renumberStages, STAGE_SELECT, toStageDto } from "./stage-dto";

/**
 * Puts a service's stages in a new order, left to right. The command lists every stage: one
 * added or missing since the caller looked is refused rather than guessed.
 */
export async function reorderStages(actor: Actor, serviceId: string, input: TReorderStagesRequest): Promise<TConfiguredStage[]> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const service = await findServiceToConfigure(tx, actor, serviceId);
    const cmd = parseInput(ZReorderStagesRequest, input);
    const stages = await tx.stage.findMany({ where: { serviceId: service.id }, select: { id: true, position: true } });
    const byId = new Map(stages.map((s) => [s.id, s]));
    const unique = new Set(cmd.stageIds);
    if (unique.size !== cmd.stageIds.length || unique.size !== stages.length || cmd.stageIds.some((id) => !byId.has(id))) {
      throw new AppError("RULE_VIOLATION", "List every stage of the service exactly once.", { rule: "STAGE_SET_MISMATCH" });
    }
    await renumberStages(tx, cmd.stageIds.map((id) => byId.get(id)!));
    emit(service.id, "stages.reordered", { stageIds: cmd.stageIds });
    const rows = await tx.stage.findMany({ where: { serviceId: service.id }, orderBy: { position: "asc" }, select: STAGE_SELECT });
    return rows.map(toStageDto);
  });
  return result;
}
