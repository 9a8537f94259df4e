import "server-only";
import { decideApproval, KEY_ACTION, KEY_LABEL, keysHeld, type ApprovalKey } from "@/domain/approvals";
import { type Actor, actorUserId } from "@/domain/permissions";
import { rankAfter } from "@/domain/ranks";
import { AppError } from "@/lib/errors";
import { ZDecideRfcRequest, type TDecideRfcRequest, type TRfc } from "@/lib/schemas/rfc";
import { recordDenied, visibleServiceWhere } from "@/server/auth/authorize";
import type { Tx } from "@/server/db";
import { lockService } from "@/server/services/backlog/backlog-access";
import { runCommand } from "@/server/services/events/run-command";
import { ITEM_SELECT, toWorkItemDto } from "@/server/services/items/item-dto";
import { parseInput } from "@/server/services/parse-input";
import { RFC_SELECT, toRfcDto, userIdsOf } from "./rfc-dto";

// Where an approved change enters the value stream: the product backlog lives in
// Requirements & design (DOMAIN.md); a service without that stage uses its first open one.
const BACKLOG_STAGE_KEY = "requirements";

async function loadRfc(tx: Tx, rfcId: string): Promise<TRfc> {
  const row = await tx.changeRequest.findUniqueOrThrow({ where: { id: rfcId }, select: RFC_SELECT });
  const users = await tx.user.findMany({ where: { id: { in: userIdsOf([row]) } }, select: { id: true, name: true } });
  return toRfcDto(row, new Map(users.map((u) => [u.id, u.name])));
}

/**
 * One person turns (or refuses) one of the two keys of a request for change or maintenance
 * activity. The second approval, by another person holding the other key, approves it and
 * creates its one ranked backlog item (kind RFC or MAINTENANCE) at the bottom of the backlog;
 * a rejection, with its reason, ends it. Decisions on one service queue on the service row,
 * so two keys turned at the same moment still see each other and create exactly one item.
 */
export async function decideRfc(actor: Actor, rfcId: string, input: TDecideRfcRequest): Promise<TRfc> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const found = await tx.changeRequest.findFirst({
      where: { id: rfcId, service: visibleServiceWhere(actor) },
      select: { id: true, serviceId: true, service: { select: { teamId: true } } },
    });
    if (!found) throw new AppError("NOT_FOUND", "Request for change not found.");
    const scope = { teamId: found.service.teamId, serviceId: found.serviceId };
    const held = keysHeld(actor, scope);
    const asked = (input as { role?: unknown } | null)?.role;
    // No key at all, or not the key asked for: 403 (and the audit records it).
    if (held.length === 0) {
      await recordDenied(actor, "rfc.decide", scope);
      throw new AppError("FORBIDDEN", "Only a Service Master or a reliability engineer can decide a request for change.");
    }
    // The key asked for must be held through a role in the team (keysHeld), not the admin flag.
    if (typeof asked === "string" && asked in KEY_ACTION && !held.includes(asked as ApprovalKey)) {
      await recordDenied(actor, KEY_ACTION[asked as ApprovalKey], scope);
      throw new AppError("FORBIDDEN", `Only a ${KEY_LABEL[asked as ApprovalKey]} of this service's team can turn the ${KEY_LABEL[asked as ApprovalKey]}'s key.`);
    }
    const cmd = parseInput(ZDecideRfcRequest, input);
    const userId = (actor as Extract<Actor, { kind: "user" }>).userId;

    await lockService(tx, found.serviceId);
    const rfc = await tx.changeRequest.findUniqueOrThrow({
      where: { id: rfcId },
      select: {
        kind: true,
        title: true,
        what: true,
        why: true,
        impact: true,
        status: true,
        version: true,
        raisedById: true,
        approvals: { select: { role: true, userId: true, decision: true } },
      },
    });
    if (cmd.expectedVersion !== undefined && cmd.expectedVersion !== rfc.version) {
      throw new AppError("VERSION_CONFLICT", "The request changed since you loaded it.", { current: await loadRfc(tx, rfcId) });
    }
    const verdict = decideApproval({
      rfc: {
        status: rfc.status as "PENDING" | "APPROVED" | "REJECTED",
        raisedById: rfc.raisedById,
        approvals: rfc.approvals.map((a) => ({ role: a.role as ApprovalKey, userId: a.userId, decision: a.decision as "APPROVE" | "REJECT" })),
      },
      userId,
      held,
      role: cmd.role,
      decision: cmd.decision,
      reason: cmd.reason,
    });
    if (!verdict.ok) {
      if (verdict.code === "NO_KEY" || verdict.code === "RAISED_IT") throw new AppError("FORBIDDEN", verdict.message, { rule: verdict.code });
      if (verdict.code === "CHOOSE_KEY" || verdict.code === "REASON_REQUIRED") {
        throw new AppError("VALIDATION_FAILED", verdict.message, { rule: verdict.code });
      }
      throw new AppError("RULE_VIOLATION", verdict.message, { rule: verdict.code });
    }

    const reason = cmd.reason?.trim() ? cmd.reason.trim() : null;
    await tx.approval.create({ data: { rfcId, userId, role: verdict.role, decision: cmd.decision, reason }, select: { id: true } });
    emit(found.serviceId, "rfc.approval.recorded", { rfcId, role: verdict.role, decision: cmd.decision, userId, reason });

    let itemId: string | null = null;
    if (verdict.outcome === "APPROVED") {
      const stages = await tx.stage.findMany({
        where: { serviceId: found.serviceId, retired: false },
        orderBy: { position: "asc" },
        select: { id: true, key: true },
      });
      const stage = stages.find((s) => s.key === BACKLOG_STAGE_KEY) ?? stages[0];
      if (!stage) throw new AppError("RULE_VIOLATION", "The service has no open stage to take the change.");
      const last = await tx.workItem.findFirst({ where: { serviceId: found.serviceId }, orderBy: { rank: "desc" }, select: { rank: true } });
      const description = [`What: ${rfc.what}`, `Why: ${rfc.why}`, rfc.impact ? `Impact: ${rfc.impact}` : ""].filter(Boolean).join("\n\n");
      const row = await tx.workItem.create({
        data: {
          serviceId: found.serviceId,
          stageId: stage.id,
          kind: rfc.kind,
          title: rfc.title,
          description,
          labels: [rfc.kind === "MAINTENANCE" ? "maintenance" : "rfc"],
          rank: rankAfter(last?.rank ?? null),
          createdById: userId,
        },
        select: ITEM_SELECT,
      });
      itemId = row.id;
      emit(found.serviceId, "item.created", { item: toWorkItemDto(row) });
    }

    const status = verdict.outcome === "WAITING_FOR_OTHER_KEY" ? "PENDING" : verdict.outcome;
    // The version guard makes "still pending as I read it" and the write one step.
    const updated = await tx.changeRequest.updateMany({
      where: { id: rfcId, version: rfc.version, status: "PENDING" },
      data: {
        version: { increment: 1 },
        ...(status !== "PENDING" ? { status, decidedAt: new Date(), itemId } : {}),
      },
    });
    if (updated.count !== 1) throw new AppError("VERSION_CONFLICT", "The request changed while you decided it.", { current: await loadRfc(tx, rfcId) });
    if (status !== "PENDING") emit(found.serviceId, "rfc.decided", { rfcId, status, itemId });
    return loadRfc(tx, rfcId);
  });
  return result;
}
