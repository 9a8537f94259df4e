// Which deployment caused an incident. In order of trust:
// 1. the sender named the deployment (our id, or its natural key) — decided by the service, which
//    looks it up;
// 2. the sender named the commit: the latest production deployment of that commit that finished
//    before the incident opened (or, when none had, the latest deployment of it at all);
// 3. fallback, when neither was said or the commit matches no deployment: the latest production
//    deployment that finished within CAUSE_WINDOW_MS before the incident opened (DevLake relates
//    an incident to the last deployment before it, without a bound; a bound keeps a quiet month's
//    deployment from being blamed for an outage weeks later).
import { isProduction } from "./dora";
import { HOUR_MS } from "./period";

export const CAUSE_WINDOW_MS = 24 * HOUR_MS;

export type CauseLink = "DEPLOYMENT" | "COMMIT" | "TIME_WINDOW";

export type CauseCandidate = { id: string; environment: string; finishedAt: number; commitSha: string | null };

/** A git commit SHA as pipelines send it: 7 to 64 hex digits (short or full, SHA-1 or SHA-256). */
export const SHA_PATTERN = /^[0-9a-f]{7,64}$/i;

/** Two SHAs name the same commit when one is a prefix of the other (a short SHA), case aside. */
export function sameCommit(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.startsWith(y) || y.startsWith(x);
}

function latest(list: CauseCandidate[]): CauseCandidate | null {
  let best: CauseCandidate | null = null;
  for (const d of list) if (!best || d.finishedAt > best.finishedAt || (d.finishedAt === best.finishedAt && d.id > best.id)) best = d;
  return best;
}

export function findIncidentCause(
  candidates: readonly CauseCandidate[],
  openedAt: number,
  hint: { commitSha?: string | null },
  windowMs: number = CAUSE_WINDOW_MS,
): { deploymentId: string; link: CauseLink } | null {
  if (hint.commitSha) {
    const sha = hint.commitSha;
    const ofCommit = candidates.filter((d) => d.commitSha !== null && sameCommit(d.commitSha, sha));
    const before = latest(ofCommit.filter((d) => isProduction(d.environment) && d.finishedAt <= openedAt)) ?? latest(ofCommit);
    if (before) return { deploymentId: before.id, link: "COMMIT" };
  }
  const inWindow = candidates.filter((d) => isProduction(d.environment) && d.finishedAt <= openedAt && d.finishedAt >= openedAt - windowMs);
  const last = latest(inWindow);
  return last ? { deploymentId: last.id, link: "TIME_WINDOW" } : null;
}
