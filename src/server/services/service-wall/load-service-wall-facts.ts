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
  return (await loadServiceWallFactsMany(client, [service], now)).get(service.id)!;
}

/** The same for many services at once (the portfolio): six queries, whatever their number. */
export async function loadServiceWallFactsMany(client: Tx | Db, services: readonly ServiceHead[], now: Date) {
  const [allLevels, allSamples, allEntries, allTests, allCosts, allOpenItems] = await readRows(client, services, now);
  const group = <T extends { serviceId: string }>(rows: readonly T[], cap = Infinity) => {
    const by = new Map<string, T[]>();
    for (const r of rows) {
      const list = by.get(r.serviceId) ?? [];
      if (list.length < cap) list.push(r);
      by.set(r.serviceId, list);
    }
    return by;
  };
  const levelsBy = group(allLevels);
  const entriesBy = group(allEntries);
  const testsBy = group(allTests, 50);
  const costsBy = group(allCosts);
  const openBy = group(allOpenItems, 200);
  const out = new Map<string, ReturnType<typeof serviceFacts>>();
  for (const service of services) {
    const levels = levelsBy.get(service.id) ?? [];
    const own = new Set(levels.map((l) => l.id));
    out.set(
      service.id,
      serviceFacts(service, now, {
        levels,
        samples: allSamples.filter((s) => own.has(s.serviceLevelId)),
        entries: entriesBy.get(service.id) ?? [],
        tests: testsBy.get(service.id) ?? [],
        costs: costsBy.get(service.id) ?? [],
        openItems: openBy.get(service.id) ?? [],
      }),
    );
  }
  return out;
}

function readRows(client: Tx | Db, services: readonly ServiceHead[], now: Date) {
  const longestWindow = new Date(now.getTime() - 30 * DAY);
  const ids = services.map((s) => s.id);
  const retiring = services.filter((s) => s.status === "RETIRING").map((s) => s.id);
  const one = services.length === 1;
  return Promise.all([
    client.serviceLevel.findMany({
      where: { serviceId: { in: ids } },
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
        serviceId: true,
        breaches: { where: { resolvedAt: null }, orderBy: { occurredAt: "asc" }, select: { id: true, measured: true, occurredAt: true, note: true, problemId: true } },
      },
    }),
    client.availabilitySample.findMany({
      where: { serviceLevel: { serviceId: { in: ids } }, periodEnd: { gt: longestWindow } },
      select: { serviceLevelId: true, periodStart: true, periodEnd: true, availabilityPercent: true },
    }),
    client.mriEntry.findMany({
      where: { serviceId: { in: ids } },
      select: { id: true, kind: true, content: true, ownerId: true, reviewedAt: true, reviewIntervalDays: true, version: true, serviceId: true },
    }),
    client.recoveryTest.findMany({
      where: { serviceId: { in: ids } },
      orderBy: { testedAt: "desc" },
      // the last 50 of each service (cut below when there are several)
      ...(one ? { take: 50 } : {}),
      select: { id: true, testedAt: true, scenario: true, achievedRpoMinutes: true, achievedRtoMinutes: true, passed: true, evidenceUrl: true, recordedById: true, serviceId: true },
    }),
    client.operatingCost.findMany({
      where: { serviceId: { in: ids } },
      orderBy: [{ month: "asc" }, { category: "asc" }],
      select: { id: true, month: true, category: true, planned: true, actual: true, version: true, serviceId: true },
    }),
    // Open work of a retiring service: everything not yet in its End-of-life stage.
    client.workItem.findMany({
      where: retiring.length > 0 ? { serviceId: { in: retiring }, stage: { key: { not: "end-of-life" } } } : { id: "" },
      orderBy: { rank: "asc" },
      ...(one ? { take: 200 } : {}),
      select: { id: true, title: true, stage: { select: { name: true } }, serviceId: true },
    }),
  ]);
}

type Read = Awaited<ReturnType<typeof readRows>>;
type Rows = { levels: Read[0]; samples: Read[1]; entries: Read[2]; tests: Read[3]; costs: Read[4]; openItems: Read[5] };

function serviceFacts(service: ServiceHead, now: Date, { levels, samples, entries, tests, costs, openItems }: Rows) {

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
