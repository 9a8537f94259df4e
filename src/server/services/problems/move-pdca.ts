import "server-only";
import { checkPdcaMove, type PdcaState } from "@/domain/kaizen/pdca";
import { readKaizenSettings } from "@/domain/kaizen/settings";
import { can, mayMovePdca, type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZMovePdcaRequest, type TMovePdcaRequest } from "@/lib/schemas/kaizen";
import { recordDenied } from "@/server/auth/authorize";
import type { Tx } from "@/server/db";
import { runCommand, type EmitFn } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { STAGE_SELECT, toStageDto } from "@/server/services/stages/stage-dto";
import { claimProblemVersion, fieldError, findProblem } from "./problem-access";

/**
 * Moves a problem through PDCA, deciding with the pure rules (src/domain/kaizen/pdca.ts).
 * Check → Plan starts the next cycle. Act → Closed records the new standard and, optionally,
 * adds a done-criterion to the stage concerned in the same transaction (JKK learns from Kaizen):
 * the next item to leave that stage needs it. Closing frees the open key, so the condition's
 * return opens a new problem linked to this one.
 */
export async function movePdca(actor: Actor, problemId: string, input: TMovePdcaRequest): Promise<{ id: string; pdca: PdcaState; cycle: number; version: number; criterionId: string | null }> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const problem = await findProblem(tx, actor, problemId);
    const cmd = parseInput(ZMovePdcaRequest, input);
    if (!mayMovePdca(actor, problem.scope, problem, problem.pdca, cmd.to)) {
      await recordDenied(actor, "kaizen.facilitate", problem.scope);
      throw new AppError(
        "FORBIDDEN",
        can(actor, "kaizen.edit", problem.scope)
          ? "The Process Master moves this step (the owner may start the work and hand it over for checking)."
          : "You may not move Kaizen here.",
      );
    }
    // A move judged on a sheet someone changed since is refused as stale (409), before the rules
    // are judged on a state the mover has not seen.
    if (cmd.version !== problem.version) await claimProblemVersion(tx, problem.id, cmd.version);
    const facts = await tx.problem.findUniqueOrThrow({
      where: { id: problem.id },
      select: {
        _count: { select: { whys: true } },
        countermeasures: { select: { ownerId: true, status: true, dueDate: true } },
        kpiValues: { select: { weekStart: true, value: true } },
      },
    });
    const now = new Date();
    const settings = readKaizenSettings(problem.service.kaizenSettings);
    const verdict = checkPdcaMove(
      {
        pdca: problem.pdca,
        whyCount: facts._count.whys,
        hypothesis: problem.hypothesis,
        countermeasures: facts.countermeasures.map((c) => ({ ownerId: c.ownerId, done: c.status === "DONE", dueDate: c.dueDate })),
        kpi: { name: problem.kpiName, target: problem.kpiTarget, higherIsBetter: problem.kpiHigherIsBetter },
        kpiValues: facts.kpiValues,
      },
      cmd.to,
      { now, confirmWeeks: settings.confirmWeeks, standard: cmd.standard },
    );
    if (!verdict.ok) {
      // A missing standard is a field of the closing form: the message goes next to it.
      const issues = verdict.rule === "NO_STANDARD" ? { issues: [{ path: "standard", message: verdict.message }] } : {};
      throw new AppError("RULE_VIOLATION", verdict.message, { rule: verdict.rule, ...issues });
    }
    if (cmd.newCriterion && cmd.to !== "CLOSED") {
      throw fieldError("newCriterion", "A done-criterion is added only when closing.");
    }

    const cycle = problem.pdca === "CHECK" && cmd.to === "PLAN" ? problem.cycle + 1 : problem.cycle;
    let criterionId: string | null = null;
    if (cmd.to === "CLOSED" && cmd.newCriterion) {
      criterionId = await addCriterionFromKaizen(tx, emit, problem.serviceId, cmd.newCriterion.stageId ?? problem.stageId, cmd.newCriterion.text);
    }
    const version = await claimProblemVersion(tx, problem.id, cmd.version, {
      pdca: cmd.to,
      cycle,
      ...(cmd.to === "CLOSED" ? { closedAt: now, standard: cmd.standard!.trim(), standardCriterionId: criterionId, openKey: null } : {}),
    });
    // Closing restarts the condition's clock: if it persists, a new problem (linked to this one)
    // opens only after the threshold again, not on the next run.
    if (cmd.to === "CLOSED" && problem.cause) await tx.problemSignal.deleteMany({ where: { serviceId: problem.serviceId, key: problem.cause } });
    await tx.pdcaTransition.create({
      data: { problemId: problem.id, fromState: problem.pdca, toState: cmd.to, cycle, byId: actorUserId(actor), note: cmd.note?.trim() || null, at: now },
    });
    emit(problem.serviceId, "problem.pdca.moved", {
      problemId: problem.id,
      from: problem.pdca,
      to: cmd.to,
      cycle,
      version,
      ...(cmd.to === "CLOSED" ? { standard: cmd.standard!.trim(), criterionId } : {}),
    });
    return { id: problem.id, pdca: cmd.to, cycle, version, criterionId };
  });
  return result;
}

/**
 * A new done-criterion on a stage of the service, with the stage's version bumped and its
 * `stage.updated` event (walls replace the stage as is). Shared with accepted proposals.
 */
export async function addCriterionFromKaizen(tx: Tx, emit: EmitFn, serviceId: string, stageId: string | null | undefined, text: string): Promise<string> {
  if (!stageId) {
    throw fieldError("newCriterion.stageId", "Name the stage the done-criterion belongs to (this problem has none).");
  }
  const stage = await tx.stage.findFirst({ where: { id: stageId, serviceId, retired: false }, select: { id: true } });
  if (!stage) {
    throw fieldError("newCriterion.stageId", "That is not an open stage of this service.");
  }
  const last = await tx.doneCriterion.findFirst({ where: { stageId }, orderBy: { position: "desc" }, select: { position: true } });
  const row = await tx.doneCriterion.create({ data: { stageId, text, position: (last?.position ?? -1) + 1 }, select: { id: true } });
  await tx.stage.update({ where: { id: stageId }, data: { version: { increment: 1 } } });
  emit(serviceId, "stage.updated", { stage: toStageDto(await tx.stage.findUniqueOrThrow({ where: { id: stageId }, select: STAGE_SELECT })) });
  return row.id;
}
