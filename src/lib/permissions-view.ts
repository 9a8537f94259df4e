// What the UI may offer: the actions the matrix gives an actor on a scope, computed on the server
// (pages) and handed to client components as plain data. The API enforces the same matrix again.
import { allowedInStatus, type ServiceStatus } from "@/domain/end-of-life";
import { ACTIONS, can, kaizenHolder, type Action, type Actor, type KaizenHolder, type Scope } from "@/domain/permissions";

/** The matrix's actions on the scope; a retired service's walls only read (`status`). */
export function allowedActions(actor: Actor | null, scope: Scope, status: ServiceStatus = "ACTIVE"): Action[] {
  if (!actor) return [];
  return ACTIONS.filter((action) => can(actor, action, scope) && allowedInStatus(action, status));
}

/** `can` for a page's controls: the matrix, and nothing but reading on a retired service. */
export function canOffer(actor: Actor, action: Action, scope: Scope, status: ServiceStatus): boolean {
  return can(actor, action, scope) && allowedInStatus(action, status);
}

/** For a client component: `permits(permissions, "item.move")`. */
export function permits(permissions: readonly Action[], action: Action): boolean {
  return permissions.includes(action);
}

/** What a person may do on a service's weekly agenda (src/components/weekly), from the one matrix. */
export type WeeklyPermissions = {
  userId: string | null;
  /** weekly.record: decisions and actions (the Process Master, the Service Master) */
  record: boolean;
  /** works in the team: may mark their own actions done (mayMarkWeeklyAction) */
  works: boolean;
  kaizen: KaizenHolder;
};

export function weeklyPermissions(actor: Actor, scope: { teamId: string; serviceId: string }, status: ServiceStatus): WeeklyPermissions {
  const holder = kaizenHolder(actor, scope);
  if (status === "RETIRED") return { userId: holder.userId, record: false, works: false, kaizen: { userId: holder.userId, facilitate: false, edit: false, kpi: false } };
  return { userId: holder.userId, record: canOffer(actor, "weekly.record", scope, status), works: actor.kind === "user" && can(actor, "item.comment", scope), kaizen: holder };
}
