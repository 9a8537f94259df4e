import "server-only";
import { MRI_KINDS, MRI_LABELS, isStale } from "@/domain/mri";
import { missedObjectives } from "@/domain/recovery";
import { BURN_ALERT_RULES, burnRate, formatSpan } from "@/domain/service-levels";
import type { Actor } from "@/domain/permissions";
import { yearToDate } from "@/domain/operating-cost";
import type { TServiceWall } from "@/lib/schemas/service-wall";
import { db } from "@/server/db";
import { withTransactionScope } from "@/server/services/events/after-transaction";
import { loadServiceWallFacts } from "./load-service-wall-facts";
import { serviceFor } from "./service-wall-access";

const minutes = (ms: number) => Math.round((ms / 60_000) * 100) / 100;

/**
 * The service wall of one service: is it fit for business continuity? Its problems first
 * (empty: green), then the MRI, service levels with budget and burn, recovery tests, cost plan
 * against actuals and the end of life. Read in one transaction with its `seq` so a browser
 * applies live events after it.
 */
export async function getServiceWall(actor: Actor, serviceKeyOrId: string): Promise<TServiceWall> {
  return withTransactionScope(() =>
    db.$transaction(async (tx) => {
      const service = await serviceFor(tx, actor, serviceKeyOrId, "service.view");
      const now = new Date();
      const f = await loadServiceWallFacts(tx, service, now);
      const userIds = [
        ...new Set([
          ...f.entries.flatMap((e) => (e.ownerId ? [e.ownerId] : [])),
          ...f.tests.flatMap((t) => (t.recordedById ? [t.recordedById] : [])),
          ...(service.endOfLifeDecidedById ? [service.endOfLifeDecidedById] : []),
        ]),
      ];
      const [users, members] = await Promise.all([
        tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }),
        tx.user.findMany({ where: { memberships: { some: { teamId: service.teamId } }, disabled: false }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
      ]);
      const name = new Map(users.map((u) => [u.id, u.name]));
      const entryByKind = new Map(f.entries.map((e) => [e.kind as string, e]));
      const t = now.getTime();
      return {
        service: {
          id: service.id,
          key: service.key,
          name: service.name,
          teamId: service.teamId,
          status: service.status,
          version: service.version,
          rpoMinutes: service.rpoMinutes,
          rtoMinutes: service.rtoMinutes,
          recoveryTestIntervalDays: service.recoveryTestIntervalDays,
          endOfLife: {
            date: service.endOfLifeDate?.toISOString() ?? null,
            conditions: service.endOfLifeConditions,
            plan: service.endOfLifePlan,
            decidedAt: service.endOfLifeDecidedAt?.toISOString() ?? null,
            decidedByName: service.endOfLifeDecidedById ? (name.get(service.endOfLifeDecidedById) ?? null) : null,
            openItems: f.openItems.map((i) => ({ id: i.id, title: i.title, stageName: i.stage.name })),
          },
        },
        problems: f.problems.map(({ kind, message, itemIds }) => ({ kind, message, itemIds })),
        mri: {
          rows: MRI_KINDS.map((kind) => {
            const e = entryByKind.get(kind);
            return {
              kind,
              label: MRI_LABELS[kind],
              required: f.required.includes(kind),
              entry: e
                ? {
                    id: e.id,
                    content: e.content,
                    ownerId: e.ownerId,
                    ownerName: e.ownerId ? (name.get(e.ownerId) ?? null) : null,
                    reviewedAt: e.reviewedAt.toISOString(),
                    reviewIntervalDays: e.reviewIntervalDays,
                    stale: isStale(e, now),
                    version: e.version,
                  }
                : null,
            };
          }),
          required: f.mri.required.length,
          present: f.mri.present,
          stale: f.mri.stale.length,
          complete: f.mri.complete,
        },
        serviceLevels: f.levels.map((l) => ({
          id: l.id,
          kind: l.kind,
          name: l.name,
          target: l.target,
          unit: l.unit,
          higherIsBetter: l.higherIsBetter,
          windowDays: l.windowDays,
          supportHours: l.supportHours,
          operationsStoryId: l.operationsStoryId,
          version: l.version,
          openBreaches: l.breaches.map((b) => ({ id: b.id, measured: b.measured, occurredAt: b.occurredAt.toISOString(), note: b.note, problemId: b.problemId })),
          budget: l.budget
            ? {
                noData: l.budget.noData,
                availabilityPercent: l.budget.availabilityPercent,
                allowedDowntimeMinutes: minutes(l.budget.allowedDowntimeMs),
                downtimeMinutes: minutes(l.budget.downtimeMs),
                consumedPercent: Number.isFinite(l.budget.consumed) ? Math.round(l.budget.consumed * 1000) / 10 : null,
                breached: l.budget.breached,
                burnRates: BURN_ALERT_RULES.flatMap((r) => [r.longMs, r.shortMs]).map((ms) => {
                  const rate = burnRate(l.target, ms, t, [], l.samples);
                  return { window: formatSpan(ms), rate: rate === null || !Number.isFinite(rate) ? null : Math.round(rate * 10) / 10 };
                }),
                alerts: l.alerts.map((a) => ({ rule: a.rule, message: a.message })),
              }
            : null,
        })),
        recovery: {
          overdue: f.recovery.overdue,
          dueAt: f.recovery.dueAt?.toISOString() ?? null,
          lastFailed: f.recovery.lastFailed,
          tests: f.tests.map((x) => ({
            id: x.id,
            testedAt: x.testedAt.toISOString(),
            scenario: x.scenario,
            achievedRpoMinutes: x.achievedRpoMinutes,
            achievedRtoMinutes: x.achievedRtoMinutes,
            passed: x.passed,
            missed: missedObjectives(service, x),
            evidenceUrl: x.evidenceUrl,
            recordedByName: x.recordedById ? (name.get(x.recordedById) ?? null) : null,
          })),
        },
        cost: {
          lines: f.costs.map((c, i) => ({ id: c.id, month: f.lines[i]!.month, category: c.category, planned: c.planned, actual: c.actual, version: c.version })),
          months: f.months,
          yearToDate: yearToDate(f.lines, now),
        },
        members,
        seq: service.lastSeq,
      };
    }),
  );
}
