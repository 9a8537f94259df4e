import "server-only";
import { countermeasureCounts } from "@/domain/kaizen/pdca";
import { weekKey } from "@/domain/kaizen/weeks";
import type { TProblemCard, TProposal } from "@/lib/schemas/kaizen";

export const PROBLEM_CARD_SELECT = {
  id: true,
  serviceId: true,
  stageId: true,
  source: true,
  cause: true,
  title: true,
  pdca: true,
  cycle: true,
  ownerId: true,
  createdAt: true,
  closedAt: true,
  version: true,
  standard: true,
  kpiName: true,
  kpiUnit: true,
  kpiHigherIsBetter: true,
  kpiBaseline: true,
  kpiTarget: true,
  countermeasures: { select: { id: true, description: true, ownerId: true, dueDate: true, status: true, version: true }, orderBy: { createdAt: "asc" } },
  kpiValues: { select: { weekStart: true, value: true }, orderBy: { weekStart: "asc" } },
} as const;

type CardRow = {
  id: string;
  serviceId: string;
  stageId: string | null;
  source: "ANDON" | "DATA" | "MANUAL";
  cause: string | null;
  title: string;
  pdca: "PLAN" | "DO" | "CHECK" | "ACT" | "CLOSED";
  cycle: number;
  ownerId: string | null;
  createdAt: Date;
  closedAt: Date | null;
  version: number;
  standard: string | null;
  kpiName: string | null;
  kpiUnit: string | null;
  kpiHigherIsBetter: boolean;
  kpiBaseline: number | null;
  kpiTarget: number | null;
  countermeasures: Array<{ id: string; description: string; ownerId: string | null; dueDate: Date | null; status: "OPEN" | "DONE"; version: number }>;
  kpiValues: Array<{ weekStart: Date; value: number }>;
};

export type Names = { stage: Map<string, string>; person: Map<string, string> };

export function toProblemCard(row: CardRow, names: Names, now: Date): TProblemCard {
  return {
    id: row.id,
    serviceId: row.serviceId,
    stageId: row.stageId,
    stageName: row.stageId ? (names.stage.get(row.stageId) ?? null) : null,
    source: row.source,
    cause: row.cause,
    title: row.title,
    pdca: row.pdca,
    cycle: row.cycle,
    ownerId: row.ownerId,
    ownerName: row.ownerId ? (names.person.get(row.ownerId) ?? null) : null,
    createdAt: row.createdAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    version: row.version,
    standard: row.standard,
    kpi:
      row.kpiName && row.kpiTarget !== null
        ? { name: row.kpiName, unit: row.kpiUnit ?? "", higherIsBetter: row.kpiHigherIsBetter, baseline: row.kpiBaseline, target: row.kpiTarget }
        : null,
    kpiValues: row.kpiValues.map((k) => ({ week: weekKey(k.weekStart), value: k.value })),
    counts: countermeasureCounts(
      row.countermeasures.map((c) => ({ ownerId: c.ownerId, done: c.status === "DONE", dueDate: c.dueDate })),
      now,
    ),
  };
}

export const PROPOSAL_SELECT = {
  id: true,
  fromStageId: true,
  toStageId: true,
  problem: true,
  proposal: true,
  expectedEffect: true,
  proposedById: true,
  status: true,
  answer: true,
  answeredById: true,
  answeredAt: true,
  createdAt: true,
  problemId: true,
  countermeasureId: true,
  criterionId: true,
  version: true,
} as const;

type ProposalRow = {
  id: string;
  fromStageId: string;
  toStageId: string;
  problem: string;
  proposal: string;
  expectedEffect: string;
  proposedById: string | null;
  status: "OPEN" | "ACCEPTED" | "DECLINED";
  answer: string | null;
  answeredById: string | null;
  answeredAt: Date | null;
  createdAt: Date;
  problemId: string | null;
  countermeasureId: string | null;
  criterionId: string | null;
  version: number;
};

export function toProposalDto(row: ProposalRow, names: Names, now: Date, answerDays: number): TProposal {
  return {
    ...row,
    fromStageName: names.stage.get(row.fromStageId) ?? "?",
    toStageName: names.stage.get(row.toStageId) ?? "?",
    proposedByName: row.proposedById ? (names.person.get(row.proposedById) ?? null) : null,
    answeredByName: row.answeredById ? (names.person.get(row.answeredById) ?? null) : null,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    waitingTooLong: row.status === "OPEN" && now.getTime() - row.createdAt.getTime() > answerDays * 86_400_000,
  };
}
