import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZUpdateStageRequest, type TConfiguredStage, type TUpdateStageRequest } from "@/lib/schemas/stage";
import { visibleServiceWhere } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { findServiceToConfigure, STAGE_SELECT, toStageDto } from "./stage-dto";

/**
 * Changes a stage's configuration: name, WIP limit, age threshold, retired, and its
 * done-criteria (add, rename, retire). Versioned: a stale version answers 409 with the stage now.
 */
export async function updateStage(actor: Actor, stageId: string, input: TUpdateStageRequest): Promise<TConfiguredStage> {
  const { result } = await runCommand(actor.kind === "user" ? actor.userId : null, async (tx, emit) => {
    const found = await tx.stage.findFirst({
      where: { id: stageId, service: visibleServiceWhere(actor) },
      select: { serviceId: true },
    });
    if (!found) throw new AppError("NOT_FOUND", "Stage not found.");
    await findServiceToConfigure(tx, actor, found.serviceId);
    const cmd = parseInput(ZUpdateStageRequest, input);
    const stage = await tx.stage.findUniqueOrThrow({ where: { id: stageId }, select: STAGE_SELECT });
    const criteria = await tx.doneCriterion.findMany({ where: { stageId }, select: { id: true, position: true, retired: true } });

    if (cmd.retired === true && !stage.retired) {
      const [items, open] = await Promise.all([
        tx.workItem.count({ where: { stageId } }),
        tx.stage.count({ where: { serviceId: stage.serviceId, retired: false } }),
      ]);
      if (items > 0) {
        throw new AppError("RULE_VIOLATION", `${stage.name} still holds ${items} item(s): move them out before retiring it.`, {
          rule: "STAGE_NOT_EMPTY",
          count: items,
        });
      }
      if (open <= 1) throw new AppError("RULE_VIOLATION", "A service needs at least one open stage.", { rule: "LAST_OPEN_STAGE" });
    }
    const ownCriteria = new Set(criteria.filter((c) => !c.retired).map((c) => c.id));
    const changes = cmd.criteria;
    for (const id of [...(changes?.rename.map((r) => r.id) ?? []), ...(changes?.retire ?? [])]) {
      if (!ownCriteria.has(id)) {
        throw new AppError("RULE_VIOLATION", "That is not an open done-criterion of this stage.", { rule: "CRITERION_NOT_IN_STAGE", criterionId: id });
      }
    }

    const updated = await tx.stage.updateMany({
      where: { id: stageId, version: cmd.expectedVersion },
      data: {
        version: { increment: 1 },
        ...(cmd.name !== undefined ? { name: cmd.name } : {}),
        ...(cmd.wipLimit !== undefined ? { wipLimit: cmd.wipLimit } : {}),
        ...(cmd.ageThresholdHours !== undefined ? { ageThresholdHours: cmd.ageThresholdHours } : {}),
        ...(cmd.retired !== undefined ? { retired: cmd.retired } : {}),
      },
    });
    if (updated.count !== 1) {
      throw new AppError(
        "VERSION_CONFLICT",
        `The stage changed since you saw it (version ${cmd.expectedVersion}, now ${stage.version}).`,
        { current: toStageDto(stage) },
      );
    }
    if (changes) {
      let next = Math.max(-1, ...criteria.map((c) => c.position)) + 1;
      for (const text of changes.add) await tx.doneCriterion.create({ data: { stageId, text, position: next++ } });
      for (const r of changes.rename) await tx.doneCriterion.update({ where: { id: r.id }, data: { text: r.text } });
      if (changes.retire.length > 0) {
        await tx.doneCriterion.updateMany({ where: { id: { in: changes.retire }, stageId }, data: { retired: true } });
      }
    }
    const dto = toStageDto(await tx.stage.findUniqueOrThrow({ where: { id: stageId }, select: STAGE_SELECT }));
    emit(stage.serviceId, "stage.updated", { stage: dto });
    return dto;
  });
  return result;
}
