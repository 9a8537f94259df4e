import "server-only";
import type { Actor } from "@/domain/permissions";
import { orderStages } from "@/domain/stages";
import { AppError } from "@/lib/errors";
import { ZAddStageRequest, type TAddStageRequest, type TConfiguredStage } from "@/lib/schemas/stage";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { findServiceToConfigure, renumberStages, STAGE_SELECT, toStageDto } from "./stage-dto";

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "stage"
  );
}

/** Adds a stage to a service's value stream, after the named stage (first when null). */
export async function addStage(actor: Actor, serviceId: string, input: TAddStageRequest): Promise<TConfiguredStage> {
  const { result } = await runCommand(actor.kind === "user" ? actor.userId : null, async (tx, emit) => {
    const service = await findServiceToConfigure(tx, actor, serviceId);
    const cmd = parseInput(ZAddStageRequest, input);
    const stages = orderStages(
      await tx.stage.findMany({ where: { serviceId: service.id }, select: { id: true, key: true, position: true, retired: true } }),
    );
    let at = 0;
    if (cmd.afterStageId) {
      const i = stages.findIndex((s) => s.id === cmd.afterStageId);
      if (i < 0) throw new AppError("RULE_VIOLATION", "afterStageId is not a stage of this service.", { rule: "STAGE_NOT_FOUND" });
      at = i + 1;
    }
    const keys = new Set(stages.map((s) => s.key));
    let key = cmd.key ?? slug(cmd.name);
    if (cmd.key && keys.has(cmd.key)) throw new AppError("CONFLICT", `The service has a stage with key "${cmd.key}" already.`);
    for (let n = 2; keys.has(key); n++) key = `${slug(cmd.name)}-${n}`;

    const created = await tx.stage.create({
      data: {
        serviceId: service.id,
        key,
        name: cmd.name,
        position: at,
        wipLimit: cmd.wipLimit,
        ageThresholdHours: cmd.ageThresholdHours,
        doneCriteria: { create: cmd.doneCriteria.map((text, position) => ({ text, position })) },
      },
      select: { id: true, position: true },
    });
    const order: Array<{ id: string; position: number }> = stages.toSpliced(at, 0, { ...created, key, retired: false });
    await renumberStages(tx, order);
    const row = await tx.stage.findUniqueOrThrow({ where: { id: created.id }, select: STAGE_SELECT });
    const stage = toStageDto(row);
    emit(service.id, "stage.added", { stage });
    // The others moved right: walls learn the new order too.
    emit(service.id, "stages.reordered", { stageIds: order.map((s) => s.id) });
    return stage;
  });
  return result;
}
