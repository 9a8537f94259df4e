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
  "kaizen.edit",
  "token.manage",
  "team.manage",
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
  "kaizen.edit",
];

export const MATRIX: Record<Role, readonly Action[]> = {
  ADMIN: ACTIONS,
  PROCESS_MASTER: [...TEAM_WORK, "service.configure", "release.manage", "token.manage"],
  SERVICE_MASTER: [
    ...TEAM_WORK,
    "service.create",
    "service.configure",
    "service.endOfLife",
    "backlog.reorder",
    "rfc.approveAsServiceMaster",
    "release.manage",
    "token.manage",
  ],
  DEVOPS_ENGINEER: [...TEAM_WORK, "release.manage", "deployment.report", "token.manage"],
  GATEKEEPER: [...TEAM_WORK, "gate.decide", "release.manage"],
  RELIABILITY_ENGINEER: [...TEAM_WORK, "rfc.approveAsReliabilityEngineer", "deployment.report"],
  DEVELOPER: TEAM_WORK,
  OPERATIONS: TEAM_WORK,
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
  if (actor.isAdmin) return true;
  if ("global" in scope) {
    return actor.memberships.some((m) => MATRIX[m.role].includes(action));
  }
  return rolesIn(actor, scope.teamId).some((role) => MATRIX[role].includes(action));
}
