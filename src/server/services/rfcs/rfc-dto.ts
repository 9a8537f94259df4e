import "server-only";
import type { TRfc } from "@/lib/schemas/rfc";

export const RFC_SELECT = {
  id: true,
  serviceId: true,
  kind: true,
  title: true,
  what: true,
  why: true,
  source: true,
  impact: true,
  risk: true,
  urgency: true,
  status: true,
  raisedById: true,
  itemId: true,
  version: true,
  createdAt: true,
  decidedAt: true,
  approvals: {
    orderBy: { createdAt: "asc" },
    select: { role: true, userId: true, decision: true, reason: true, createdAt: true },
  },
} as const;

type Row = {
  id: string;
  serviceId: string;
  kind: string;
  title: string;
  what: string;
  why: string;
  source: string;
  impact: string;
  risk: string;
  urgency: string;
  status: string;
  raisedById: string | null;
  itemId: string | null;
  version: number;
  createdAt: Date;
  decidedAt: Date | null;
  approvals: Array<{ role: string; userId: string; decision: string; reason: string | null; createdAt: Date }>;
};

/** `names` maps user ids to display names (raisers and approvers), read in one query by the caller. */
export function toRfcDto(row: Row, names: ReadonlyMap<string, string>): TRfc {
  return {
    id: row.id,
    serviceId: row.serviceId,
    kind: row.kind as TRfc["kind"],
    title: row.title,
    what: row.what,
    why: row.why,
    source: row.source as TRfc["source"],
    impact: row.impact,
    risk: row.risk as TRfc["risk"],
    urgency: row.urgency as TRfc["urgency"],
    status: row.status as TRfc["status"],
    raisedById: row.raisedById,
    raisedByName: row.raisedById ? (names.get(row.raisedById) ?? null) : null,
    itemId: row.itemId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    approvals: row.approvals.map((a) => ({
      role: a.role as TRfc["approvals"][number]["role"],
      userId: a.userId,
      userName: names.get(a.userId) ?? "unknown",
      decision: a.decision as "APPROVE" | "REJECT",
      reason: a.reason,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}

export function userIdsOf(rows: readonly Row[]): string[] {
  const ids = new Set<string>();
  for (const r of rows) {
    if (r.raisedById) ids.add(r.raisedById);
    for (const a of r.approvals) ids.add(a.userId);
  }
  return [...ids];
}
