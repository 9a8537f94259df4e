import "server-only";
import type { ServiceStatus } from "@/domain/end-of-life";
import { isMriKind, mriCompleteness, parseRequiredKinds, type MriEntryFacts } from "@/domain/mri";
import { monthKey, monthlyVariance, type CostLine } from "@/domain/operating-cost";
import { recoveryState } from "@/domain/recovery";
import { burnAlerts, DAY, errorBudget, type AvailabilitySample } from "@/domain/service-levels";
import { serviceWallProblems, type LevelHealth, type ServiceWallFacts } from "@/domain/service-wall";
import type { Db, Tx } from "@/server/db";

type ServiceHead = {
  id: string;
  status: ServiceStatus;
  rpoMinutes: number | null;
  rtoMinutes: number | null;
  recoveryTestIntervalDays: number;
  mriRequiredKinds: string;
  endOfLifeDate: Date | null;
};

/**
 * Everything the service wall judges, in a fixed number of queries: levels with their open
 * breaches and the samples of their windows, MRI entries, recovery tests, cost lines, and the
 * open work of a retiring service. The pure rules (src/domain) then say what is wrong.
 */
export async function loadServiceWallFacts(client: Tx | Db, service: ServiceHead, now: Date) {
  const longestWindow = new Date(now.getTime() - 30 * DAY);
  const [levels, samples, entries, tests, costs, openItems] = await Promise.all([
    client.serviceLevel.findMany({
      where: { serviceId: service.id },
      orderBy: [{ kind: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        kind: true,
        name: true,
        target: true,
        unit: true,
        higherIsBetter: true,
        windowDays: true,
        supportHours: true,
        operationsStoryId: true,
        version: true,
        breaches: { where: { resolvedAt: null }, orderBy: { occurredAt: "asc" }, select: { id: true, measured: true, occurredAt: true, note: true, problemId: true } },
      },
    }),
    client.availabilitySample.findMany({
      where: { serviceLevel: { serviceId: service.id }, periodEnd: { gt: longestWindow } },
      select: { serviceLevelId: true, periodStart: true, periodEnd: true, availabilityPercent: true },
    }),
    client.mriEntry.findMany({
      where: { serviceId: service.id },
      select: { id: true, kind: true, content: true, ownerId: true, reviewedAt: true, reviewIntervalDays: true, version: true },
    }),
    client.recoveryTest.findMany({
      where: { serviceId: service.id },
      orderBy: { testedAt: "desc" },
      take: 50,
      select: { id: true, testedAt: true, scenario: true, achievedRpoMinutes: true, achievedRtoMinutes: true, passed: true, evidenceUrl: true, recordedById: true },
    }),
    client.operatingCost.findMany({
      where: { serviceId: service.id },
      orderBy: [{ month: "asc" }, { category: "asc" }],
      select: { id: true, month: true, category: true, planned: true, actual: true, version: true },
    }),
    // Open work of a retiring service: everything not yet in its End-of-life stage.
    client.workItem.findMany({
      where: service.status === "RETIRING" ? { serviceId: service.id, stage: { key: { not: "end-of-life" } } } : { id: "" },
      orderBy: { rank: "asc" },
      take: 200,
      select: { id: true, title: true, stage: { select: { name: true } } },
    }),
  ]);

  const samplesByLevel = new Map<string, AvailabilitySample[]>();
  for (const s of samples) {
    const list = samplesByLevel.get(s.serviceLevelId) ?? [];
    list.push({ start: s.periodStart.getTime(), end: s.periodEnd.getTime(), availabilityPercent: s.availabilityPercent });
    samplesByLevel.set(s.serviceLevelId, list);
  }
  const t = now.getTime();
  const measuredLevels = levels.map((l) => {
    const isAvailability = l.unit === "%" && l.higherIsBetter;
    const own = samplesByLevel.get(l.id) ?? [];
    const budget = isAvailability ? errorBudget(l.target, l.windowDays, t, [], own) : null;
    const alerts = isAvailability ? burnAlerts(l.target, t, [], own) : [];
    return { ...l, budget, alerts, samples: own };
  });
  const levelHealth: LevelHealth[] = measuredLevels.map((l) => ({ name: l.name, kind: l.kind, openBreaches: l.breaches.length, budget: l.budget, alerts: l.alerts }));

  const required = parseRequiredKinds(service.mriRequiredKinds);
  const mriFacts: MriEntryFacts[] = entries.flatMap((e) => (isMriKind(e.kind) ? [{ kind: e.kind, content: e.content, reviewedAt: e.reviewedAt, reviewIntervalDays: e.reviewIntervalDays }] : []));
  const mri = mriCompleteness(required, mriFacts, now);
  const recovery = recoveryState(
    { rpoMinutes: service.rpoMinutes, rtoMinutes: service.rtoMinutes, testIntervalDays: service.recoveryTestIntervalDays },
    tests,
    now,
  );
  const lines: CostLine[] = costs.map((c) => ({ month: monthKey(c.month), category: c.category, planned: c.planned, actual: c.actual }));
  const months = monthlyVariance(lines);
  const facts: ServiceWallFacts = {
    status: service.status,
    levels: levelHealth,
    mri,
    recovery,
    recoveryObjectivesSet: service.rpoMinutes !== null || service.rtoMinutes !== null,
    costMonths: months,
    currentMonth: monthKey(now),
    endOfLife: { date: service.endOfLifeDate, openItems: openItems.length },
    now,
  };
  return { facts, problems: serviceWallProblems(facts), levels: measuredLevels, entries, required, mri, recovery, tests, costs, lines, months, openItems };
}
