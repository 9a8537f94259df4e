// What the UI may offer: the actions the matrix gives an actor on a scope, computed on the server
// (pages) and handed to client components as plain data. The API enforces the same matrix again.
import { ACTIONS, can, type Action, type Actor, type Scope } from "@/domain/permissions";

export function allowedActions(actor: Actor | null, scope: Scope): Action[] {
  if (!actor) return [];
  return ACTIONS.filter((action) => can(actor, action, scope));
}

/** For a client component: `permits(permissions, "item.move")`. */
export function permits(permissions: readonly Action[], action: Action): boolean {
  return permissions.includes(action);
}
