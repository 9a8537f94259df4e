// The minimum required information (MRI) of lightweight ITSM: which entries a service must
// keep is chosen per service (the method: the set depends on the business); each entry is
// complete when it has content and fresh while it was reviewed within its interval.

export const MRI_KINDS = ["RF", "RQ", "TC", "BC", "PBA", "SLR", "SLA", "SAC", "SDP", "SLP", "OLA"] as const;
export type MriKind = (typeof MRI_KINDS)[number];

export const MRI_LABELS: Record<MriKind, string> = {
  RF: "Required functions",
  RQ: "Required quality",
  TC: "Technology constraints",
  BC: "Business constraints",
  PBA: "Patterns of business activity",
  SLR: "Service level requirements",
  SLA: "Service level agreement",
  SAC: "Service acceptance criteria",
  SDP: "Service design package",
  SLP: "Service level package",
  OLA: "Operational level agreement",
};

const DAY_MS = 86_400_000;

export type MriEntryFacts = { kind: MriKind; content: string; reviewedAt: Date; reviewIntervalDays: number };

export function isMriKind(s: string): s is MriKind {
  return (MRI_KINDS as readonly string[]).includes(s);
}

/** Required kinds as stored ("RF,RQ,…"), in the method's order, unknown words dropped. */
export function parseRequiredKinds(stored: string): MriKind[] {
  const set = new Set(stored.split(",").map((s) => s.trim()));
  return MRI_KINDS.filter((k) => set.has(k));
}

export function isStale(entry: Pick<MriEntryFacts, "reviewedAt" | "reviewIntervalDays">, now: Date): boolean {
  return now.getTime() - entry.reviewedAt.getTime() > entry.reviewIntervalDays * DAY_MS;
}

export type MriCompleteness = {
  required: MriKind[];
  missing: MriKind[];
  stale: MriKind[];
  /** required entries present with content */
  present: number;
  /** every required entry present (staleness aside) */
  complete: boolean;
  /** complete and none of the required is stale */
  fresh: boolean;
};

/** Completeness against the service's required set; entries outside the set do not count. */
export function mriCompleteness(required: readonly MriKind[], entries: readonly MriEntryFacts[], now: Date): MriCompleteness {
  const byKind = new Map(entries.filter((e) => e.content.trim().length > 0).map((e) => [e.kind, e]));
  const ordered = MRI_KINDS.filter((k) => required.includes(k));
  const missing = ordered.filter((k) => !byKind.has(k));
  const stale = ordered.filter((k) => byKind.has(k) && isStale(byKind.get(k)!, now));
  return {
    required: ordered,
    missing,
    stale,
    present: ordered.length - missing.length,
    complete: missing.length === 0,
    fresh: missing.length === 0 && stale.length === 0,
  };
}
