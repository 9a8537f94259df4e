// The one permission matrix: role × action, scoped to the team that owns a service.
// Used by every service function on the server and by the UI to show or hide controls.
import type { Role } from "./roles";

export const ACTIONS = [
  "service.view",
  "service.create",
  "service.configure", // stages, WIP limits, done-criteria, gate criteria
  "service.endOfLife",
  "item.create",
  "item.update",
  "item.move",
  "item.comment",
  "backlog.reorder",
  "andon.pull",
  "andon.release",
  "rfc.raise",
  "rfc.approveAsServiceMaster",
  "rfc.approveAsReliabilityEngineer",
  "release.manage",
  "gate.decide",
  "deployment.report",
  "incident.report", // open and resolve incidents (people, or a pager's / CI's API token)
  "kaizen.open", // open a problem by hand
  "kaizen.edit", // five whys, hypothesis, KPI definition, countermeasures
  "kaizen.kpi", // record a weekly KPI value (also a monitoring token's scope)
  "kaizen.propose", // Kaizen in advance: propose to an upstream stage
  "kaizen.answer", // accept or decline a proposal
  "kaizen.facilitate", // move any PDCA step, close with the new standard
  "weekly.record", // the weekly synchronisation: record decisions and actions against the agenda
  "token.manage",
  "team.manage",
  "webhook.manage", // outbound webhooks: subscriptions, their delivery log, replay
  // the service wall (lightweight ITSM)
  "mri.edit",
  "serviceLevel.manage",
  "availability.report", // monitoring posts availability samples (an API token with this scope)
  "recoveryTest.record",
  "cost.plan",
  "cost.recordActual",
] as const;

export type Action = (typeof ACTIONS)[number];

const TEAM_WORK: Action[] = [
  "service.view",
  "item.create",
  "item.update",
  "item.move",
  "item.comment",
  "andon.pull",
  "andon.release",
  "rfc.raise",
  "kaizen.open",
  "kaizen.edit",
  "kaizen.kpi",
  "kaizen.propose",
  "kaizen.answer",
];

/**
 * The two keys of a change are a person's role in the service's team: an admin runs the app but
 * is not the team's Service Master or reliability engineer (issue 9.3), so ADMIN lacks them and
 * an admin turns a key only through a role they hold in that team.
 */
export const TEAM_ROLE_ONLY_ACTIONS: readonly Action[] = ["rfc.approveAsServiceMaster", "rfc.approveAsReliabilityEngineer"];

export const MATRIX: Record<Role, readonly Action[]> = {
  ADMIN: ACTIONS.filter((a) => !TEAM_ROLE_ONLY_ACTIONS.includes(a)),
  // The Process Master facilitates the weekly synchronisation; the Service Master leads it (issue 13.2).
  PROCESS_MASTER: [...TEAM_WORK, "kaizen.facilitate", "weekly.record", "service.configure", "release.manage", "token.manage"],
  SERVICE_MASTER: [
    ...TEAM_WORK,
    "service.create",
    "service.configure",
    "service.endOfLife",
    "weekly.record",
    "backlog.reorder",
    "rfc.approveAsServiceMaster",
    "release.manage",
    "token.manage",
    "webhook.manage",
    "mri.edit",
    "serviceLevel.manage",
    "recoveryTest.record",
    "cost.plan",
    "cost.recordActual",
  ],
  DEVOPS_ENGINEER: [...TEAM_WORK, "release.manage", "deployment.report", "incident.report", "token.manage"],
  GATEKEEPER: [...TEAM_WORK, "gate.decide", "release.manage"],
  RELIABILITY_ENGINEER: [
    ...TEAM_WORK,
    "rfc.approveAsReliabilityEngineer",
    "deployment.report",
    "incident.report",
    "mri.edit",
    "serviceLevel.manage",
    "availability.report",
    "recoveryTest.record",
    "cost.recordActual",
  ],
  DEVELOPER: TEAM_WORK,
  // Operations members run the service: they record recovery tests, availability and actual cost.
  OPERATIONS: [...TEAM_WORK, "incident.report", "availability.report", "recoveryTest.record", "cost.recordActual"],
  VIEWER: ["service.view"],
};

/** Who is acting: a signed-in person, or a machine/display token scoped to one service. */
export type Actor =
  | {
      kind: "user";
      userId: string;
      name: string;
      isAdmin: boolean;
      memberships: ReadonlyArray<{ teamId: string; role: Role }>;
    }
  | { kind: "token"; tokenId: string; serviceId: string; display: boolean; scopes: readonly Action[] };

/** The person behind an actor, as records name them (createdById, actorId…); a token is nobody. */
export function actorUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}

/** The scope an action is asked on: the team owning the service (and the service for tokens). */
export type Scope = { teamId: string; serviceId?: string } | { global: true };

export function rolesIn(actor: Actor, teamId: string): Role[] {
  if (actor.kind !== "user") return [];
  return actor.memberships.filter((m) => m.teamId === teamId).map((m) => m.role);
}

/**
 * Whether the actor may see a service at all (the rule `visibleServiceWhere` puts in queries):
 * a token its own service, an admin every service, a person the services of their teams.
 */
export function seesService(actor: Actor, service: { id: string; teamId: string }): boolean {
  if (actor.kind === "token") return actor.serviceId === service.id;
  return actor.isAdmin || actor.memberships.some((m) => m.teamId === service.teamId);
}

export function can(actor: Actor, action: Action, scope: Scope): boolean {
  if (actor.kind === "token") {
    if ("global" in scope || scope.serviceId !== actor.serviceId) return false;
    if (actor.display) return action === "service.view";
    return actor.scopes.includes(action);
  }
  if (actor.isAdmin && MATRIX.ADMIN.includes(action)) return true;
  if ("global" in scope) {
    return actor.memberships.some((m) => MATRIX[m.role].includes(action));
  }
  return rolesIn(actor, scope.teamId).some((role) => MATRIX[role].includes(action));
}

/**
 * What a person may do on the Kaizen wall, as plain data: the page computes it on the server
 * and the browser asks the same functions below (one source of truth for the controls it shows).
 */
export type KaizenHolder = { userId: string | null; facilitate: boolean; edit: boolean; kpi: boolean };

export function kaizenHolder(actor: Actor, scope: { teamId: string; serviceId: string }): KaizenHolder {
  return {
    userId: actor.kind === "user" ? actor.userId : null,
    facilitate: can(actor, "kaizen.facilitate", scope),
    edit: can(actor, "kaizen.edit", scope),
    kpi: can(actor, "kaizen.kpi", scope),
  };
}

/**
 * PDCA moves: the Process Master facilitates every step and alone closes (Act → Closed and
 * Check → Act/Plan, which judge the KPI); the problem's owner may start the work (Plan → Do)
 * and hand it over for checking (Do → Check) when they may edit Kaizen in the team.
 */
export function holderMayMovePdca(h: KaizenHolder, problem: { ownerId: string | null }, from: string, to: string): boolean {
  if (h.facilitate) return true;
  if (!h.userId || problem.ownerId !== h.userId || !h.edit) return false;
  return (from === "PLAN" && to === "DO") || (from === "DO" && to === "CHECK");
}

export function mayMovePdca(
  actor: Actor,
  scope: { teamId: string; serviceId: string },
  problem: { ownerId: string | null },
  from: string,
  to: string,
): boolean {
  return holderMayMovePdca(kaizenHolder(actor, scope), problem, from, to);
}

/** A countermeasure is marked done (or reopened) by its owner or by a facilitator. */
export function holderMayMarkCountermeasure(h: KaizenHolder, countermeasure: { ownerId: string | null }): boolean {
  return h.facilitate || (h.userId !== null && countermeasure.ownerId === h.userId && h.edit);
}

export function mayMarkCountermeasure(actor: Actor, scope: { teamId: string; serviceId: string }, countermeasure: { ownerId: string | null }): boolean {
  return holderMayMarkCountermeasure(kaizenHolder(actor, scope), countermeasure);
}

/** A person's weekly KPI value: the problem's owner (holding `kaizen.kpi`) or a facilitator. */
export function holderMayRecordKpi(h: KaizenHolder, problem: { ownerId: string | null }): boolean {
  return h.facilitate || (h.userId !== null && problem.ownerId === h.userId && h.kpi);
}

/**
 * A weekly KPI value: the problem's owner or a facilitator, or a monitoring token holding the
 * `kaizen.kpi` scope on its service (a wall-display token never writes).
 */
export function mayRecordKpi(actor: Actor, scope: { teamId: string; serviceId: string }, problem: { ownerId: string | null }): boolean {
  if (actor.kind === "token") return can(actor, "kaizen.kpi", scope);
  return holderMayRecordKpi(kaizenHolder(actor, scope), problem);
}

/**
 * A weekly action is marked done (or open again) by whoever records the meeting's decisions
 * (weekly.record: the Process Master, the Service Master) or by its owner, while they work in
 * the team. Tokens never: an action is a person's promise.
 */
export function mayMarkWeeklyAction(actor: Actor, scope: { teamId: string; serviceId: string }, action: { ownerId: string }): boolean {
  if (actor.kind !== "user") return false;
  if (can(actor, "weekly.record", scope)) return true;
  return action.ownerId === actor.userId && can(actor, "item.comment", scope);
}
