import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { checkGateDecision, checkGoOverUnfinished, latestDecision } from "@/domain/releases";
import { AppError } from "@/lib/errors";
import { ZRecordGateDecisionRequest, type TDecisionSnapshot, type TGateDecision, type TRecordGateDecisionRequest } from "@/lib/schemas/release";
import { assertCan, recordDenied } from "@/server/auth/authorize";
import { now } from "@/server/clock";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { assertDataCriteria } from "@/server/services/service-wall/gate-readiness";
import { ensureDefaultGateCriteria } from "./ensure-default-gate-criteria";
import { findVisibleRelease } from "./load-release";
import { DECISION_SELECT, toDecisionDtos } from "./release-dto";
import { readReleaseReadiness, type ReleaseReadiness } from "./release-readiness";

/**
 * The gatekeeper's go/no-go on a release. Append-only: the new decision supersedes the one that
 * stood (the caller names it, so two gatekeepers deciding at once cannot both win silently), and
 * keeps who decided, when (UTC) and what was decided on: the release's items and their
 * done-state at this moment. Nothing updates or deletes a decision.
 */
export async function recordGateDecision(actor: Actor, releaseId: string, input: TRecordGateDecisionRequest): Promise<TGateDecision> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const release = await findVisibleRelease(tx, actor, releaseId);
    const scope = { teamId: release.service.teamId, serviceId: release.serviceId };
    if (actor.kind !== "user") {
      // A token may carry any scope its creator ticked; a go/no-go is still a person's call.
      await recordDenied(actor, "gate.decide", scope);
      throw new AppError("FORBIDDEN", "A go/no-go decision is recorded by a signed-in gatekeeper, not by a token.");
    }
    await assertCan(actor, "gate.decide", scope);
    const cmd = parseInput(ZRecordGateDecisionRequest, input);

    // Serialises decisions on one release (row lock on PostgreSQL): the second sees the first.
    await tx.release.update({ where: { id: release.id }, data: { version: { increment: 0 } }, select: { id: true } });
    await ensureDefaultGateCriteria(tx, emit, release.serviceId);
    const [criteria, previous] = await Promise.all([
      tx.gateCriterion.findMany({ where: { serviceId: release.serviceId, retired: false }, orderBy: { position: "asc" }, select: { id: true, key: true, name: true } }),
      tx.gateDecision.findMany({ where: { releaseId: release.id }, select: { id: true, supersedesId: true, createdAt: true, outcome: true } }),
    ]);
    const standing = latestDecision(previous);
    if (cmd.supersedesId !== (standing?.id ?? null)) {
      throw new AppError(
        "VERSION_CONFLICT",
        standing
          ? "Another decision was recorded since you looked: read it, then decide again."
          : "The decision you meant to supersede is not the one standing.",
        { current: standing ? { decisionId: standing.id, outcome: standing.outcome, decidedAt: standing.createdAt.toISOString() } : null },
      );
    }
    const check = checkGateDecision(criteria, cmd);
    if (!check.ok) throw new AppError("RULE_VIOLATION", check.message, { rule: check.code });
    // "MRI complete" and "operations ready" are decided from the service wall's data.
    await assertDataCriteria(tx, release.serviceId, criteria, cmd.assessments);

    // What the gatekeeper decides on, read once: the snapshot and the items not done (the same rule
    // the form lists them by). A GO over them stands only with a reason to go anyway.
    const readiness = await readReleaseReadiness(tx, release.id, release.serviceId);
    const override = checkGoOverUnfinished(cmd.outcome, readiness.unfinished, cmd.overrideReason);
    if (!override.ok) {
      throw new AppError("RULE_VIOLATION", override.message, {
        rule: override.code,
        field: "overrideReason",
        unfinishedItems: override.unfinishedItems,
      });
    }
    const snapshot = takeSnapshot(release, readiness);
    const decision = await tx.gateDecision.create({
      data: {
        releaseId: release.id,
        decidedById: actor.userId,
        outcome: cmd.outcome,
        comment: cmd.comment,
        overrideReason: override.overrideReason,
        evidence: cmd.evidence,
        snapshot,
        supersedesId: standing?.id ?? null,
        // the command's time (the demo seed replays the past at its own times)
        createdAt: now(),
        assessments: {
          create: cmd.assessments.map((a) => ({
            criterionId: a.criterionId,
            result: a.result,
            reason: a.reason && a.reason.length > 0 ? a.reason : null,
          })),
        },
      },
      select: DECISION_SELECT,
    });
    emit(release.serviceId, "release.decided", {
      releaseId: release.id,
      decisionId: decision.id,
      outcome: cmd.outcome,
      assessments: cmd.assessments.map((a) => ({ criterionId: a.criterionId, result: a.result })),
      supersedesId: decision.supersedesId,
      itemIds: snapshot.items.map((i) => i.id),
      // A GO over items not done: which ones, and the gatekeeper's reason to go anyway.
      unfinishedItemIds: cmd.outcome === "GO" ? readiness.unfinished.map((i) => i.id) : [],
      overrideReason: override.overrideReason,
    });
    return toDecisionDtos([decision], new Map([[actor.userId, actor.name]]))[0]!;
  });
  return result;
}

type ReleaseHead = { id: string; name: string; targetDate: Date | null; pipelineStatus: string; version: number };

/** The release's items as the gatekeeper saw them: stage, how many of its done-criteria were met, and what was not done. */
function takeSnapshot(release: ReleaseHead, readiness: ReleaseReadiness): TDecisionSnapshot {
  const notDone = new Map(readiness.unfinished.map((u) => [u.id, u.why]));
  return {
    takenAt: now().toISOString(),
    release: {
      name: release.name,
      targetDate: release.targetDate ? release.targetDate.toISOString() : null,
      pipelineStatus: release.pipelineStatus,
      version: release.version,
    },
    items: readiness.items.map((item) => ({ ...item, notDone: notDone.get(item.id) ?? null })),
  };
}
