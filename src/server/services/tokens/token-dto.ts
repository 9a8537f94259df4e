import "server-only";
import { ACTIONS, type Action } from "@/domain/permissions";

/** Token scopes are stored as JSON: only known actions come back out. */
export function toScopes(raw: unknown): Action[] {
  return (Array.isArray(raw) ? raw : []).filter((s): s is Action => (ACTIONS as readonly unknown[]).includes(s));
}
