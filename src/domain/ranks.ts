// Backlog ranks are fractional indexes: inserting between two items touches one row.
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";

export function rankAfter(last: string | null): string {
  return generateKeyBetween(last, null);
}

export function rankBetween(before: string | null, after: string | null): string {
  return generateKeyBetween(before, after);
}

export function ranksAfter(last: string | null, n: number): string[] {
  return generateNKeysBetween(last, null, n);
}
