// Two-key approval of requests for change and maintenance activities (DOMAIN.md): a Service
// Master AND a reliability engineer, two different people, must approve before the change
// enters the backlog; either may reject it, with a reason, and a rejection is final.
// A key is held by a role in the service's team, never by the app's admin flag (an admin runs
// the app; they are not the team's Service Master), and the person who raised the change turns
// neither key: a change is approved by two people other than the one who asked for it.
import { MATRIX, rolesIn, type Action, type Actor, type Scope } from "./permissions";

export const APPROVAL_KEYS = ["SERVICE_MASTER", "RELIABILITY_ENGINEER"] as const;
export type ApprovalKey = (typeof APPROVAL_KEYS)[number];
export type ApprovalDecision = "APPROVE" | "REJECT";
export type ChangeStatus = "PENDING" | "APPROVED" | "REJECTED";

export const KEY_ACTION: Record<ApprovalKey, Action> = {
  SERVICE_MASTER: "rfc.approveAsServiceMaster",
  RELIABILITY_ENGINEER: "rfc.approveAsReliabilityEngineer",
};

export const KEY_LABEL: Record<ApprovalKey, string> = {
  SERVICE_MASTER: "Service Master",
  RELIABILITY_ENGINEER: "reliability engineer",
};

export type TurnedKey = { role: ApprovalKey; userId: string; decision: ApprovalDecision };
export type RfcForApproval = { status: ChangeStatus; approvals: readonly TurnedKey[]; raisedById: string | null };

/**
 * The keys this actor holds for a service's team: those the matrix gives a role the person holds
 * IN that team. Not `can`, which lets an admin do everything: admin is not a role in the team.
 */
export function keysHeld(actor: Actor, scope: Scope): ApprovalKey[] {
  // A machine token never turns a key: approval is a person's judgement.
  if (actor.kind !== "user" || "global" in scope) return [];
  const roles = rolesIn(actor, scope.teamId);
  return APPROVAL_KEYS.filter((k) => roles.some((r) => MATRIX[r].includes(KEY_ACTION[k])));
}

export type ApprovalVerdict =
  | { ok: true; role: ApprovalKey; outcome: "WAITING_FOR_OTHER_KEY" | "APPROVED" | "REJECTED" }
  | {
      ok: false;
      code: "NOT_PENDING" | "NO_KEY" | "CHOOSE_KEY" | "KEY_ALREADY_TURNED" | "SAME_PERSON" | "RAISED_IT" | "REASON_REQUIRED";
      message: string;
    };

/**
 * Decides one person's approval or rejection. `held` are the keys the person holds (keysHeld);
 * `role` the key they asked to turn, if they named one.
 */
export function decideApproval(input: {
  rfc: RfcForApproval;
  userId: string;
  held: readonly ApprovalKey[];
  role?: ApprovalKey;
  decision: ApprovalDecision;
  reason?: string | null;
}): ApprovalVerdict {
  const { rfc, userId, held, decision } = input;
  if (rfc.status !== "PENDING") {
    return { ok: false, code: "NOT_PENDING", message: `This request was ${rfc.status.toLowerCase()} already: it can no longer be decided.` };
  }
  const turned = new Map(rfc.approvals.map((a) => [a.role, a]));
  if (rfc.approvals.some((a) => a.decision === "REJECT")) {
    return { ok: false, code: "NOT_PENDING", message: "This request was rejected already." };
  }
  if (rfc.raisedById !== null && rfc.raisedById === userId) {
    return {
      ok: false,
      code: "RAISED_IT",
      message: "You raised this change: two other people, a Service Master and a reliability engineer, must decide it.",
    };
  }
  let role = input.role;
  if (role === undefined) {
    const open = held.filter((k) => !turned.has(k));
    if (held.length === 0) return { ok: false, code: "NO_KEY", message: "Only a Service Master or a reliability engineer can decide a request for change." };
    if (open.length > 1) return { ok: false, code: "CHOOSE_KEY", message: "You hold both keys: say which one you turn." };
    role = open[0] ?? held[0]!;
  }
  if (!held.includes(role)) {
    return { ok: false, code: "NO_KEY", message: `Only a ${KEY_LABEL[role]} can turn the ${KEY_LABEL[role]}'s key.` };
  }
  if (turned.has(role)) {
    return { ok: false, code: "KEY_ALREADY_TURNED", message: `The ${KEY_LABEL[role]}'s key was turned already.` };
  }
  if ([...turned.values()].some((a) => a.userId === userId)) {
    return { ok: false, code: "SAME_PERSON", message: "Two different people must turn the two keys: you turned the other one." };
  }
  if (decision === "REJECT") {
    if (!input.reason || input.reason.trim() === "") {
      return { ok: false, code: "REASON_REQUIRED", message: "Say why you reject the request." };
    }
    return { ok: true, role, outcome: "REJECTED" };
  }
  const other = APPROVAL_KEYS.find((k) => k !== role)!;
  return { ok: true, role, outcome: turned.get(other)?.decision === "APPROVE" ? "APPROVED" : "WAITING_FOR_OTHER_KEY" };
}

/** The keys a person could turn now: what the change wall offers as buttons. */
export function keysOpenTo(rfc: RfcForApproval, userId: string, held: readonly ApprovalKey[]): ApprovalKey[] {
  return held.filter((role) => decideApproval({ rfc, userId, held, role, decision: "APPROVE" }).ok);
}

export const RFC_WAITING_THRESHOLD_HOURS = 48;

/** A pending request older than the threshold is a problem on the value-stream wall. */
export function isWaitingTooLong(rfc: { status: ChangeStatus; createdAt: Date }, now: Date, thresholdHours = RFC_WAITING_THRESHOLD_HOURS): boolean {
  return rfc.status === "PENDING" && now.getTime() - rfc.createdAt.getTime() > thresholdHours * 3_600_000;
}
