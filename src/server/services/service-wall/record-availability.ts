import "server-only";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZPostAvailabilityRequest, type TPostAvailabilityRequest, type TServiceWallWrite } from "@/lib/schemas/service-wall";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { availabilityBudget, openOrResolveBreach } from "./evaluate-breach";
import { actorIdOf, lastSeqOf } from "./service-wall-access";
import { levelFor } from "./level-for";

/**
 * Monitoring posts availability samples for an availability objective (an API token with
 * availability.report, or a reliability engineer / operations member). After the samples the
 * objective is re-measured over its window: a spent budget opens one breach and one problem on
 * the Operations stage; a recovered one resolves it. A period posted twice is refused (409) and
 * nothing of the batch is kept.
 */
export async function recordAvailability(actor: Actor, serviceLevelId: string, input: TPostAvailabilityRequest): Promise<TServiceWallWrite> {
  const { result, events } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const level = await levelFor(tx, actor, serviceLevelId, "availability.report");
    const cmd = parseInput(ZPostAvailabilityRequest, input);
    if (level.unit !== "%" || !level.higherIsBetter) {
      throw new AppError("RULE_VIOLATION", `${level.name} is not an availability objective (${level.unit}): record a measurement instead.`, { rule: "NOT_AVAILABILITY" });
    }
    const now = new Date();
    const ids: string[] = [];
    const seen = new Set<number>();
    for (const s of cmd.samples) {
      if (Date.parse(s.periodStart) > now.getTime() + 5 * 60_000) {
        throw new AppError("RULE_VIOLATION", "A sample cannot start in the future.", { rule: "SAMPLE_IN_FUTURE" });
      }
      // Checked first (a failed insert would abort a PostgreSQL transaction); the unique index
      // on (level, periodStart) is the backstop for two posts racing.
      const clash = await tx.availabilitySample.findFirst({ where: { serviceLevelId: level.id, periodStart: new Date(s.periodStart) }, select: { id: true } });
      if (clash || seen.has(Date.parse(s.periodStart))) {
        throw new AppError("CONFLICT", `A sample for the period starting ${s.periodStart} was posted already: nothing of this batch was kept.`);
      }
      seen.add(Date.parse(s.periodStart));
      const row = await tx.availabilitySample.create({
        data: { serviceLevelId: level.id, periodStart: new Date(s.periodStart), periodEnd: new Date(s.periodEnd), availabilityPercent: s.availabilityPercent },
        select: { id: true },
      });
      ids.push(row.id);
    }
    const periodEnd = new Date(Math.max(...cmd.samples.map((s) => Date.parse(s.periodEnd)))).toISOString();
    emit(level.serviceId, "availability.recorded", { serviceLevelId: level.id, sampleIds: ids, periodEnd });
    const budget = await availabilityBudget(tx, level, now);
    await openOrResolveBreach(tx, emit, level, {
      missed: budget.breached,
      measured: budget.availabilityPercent ?? 100,
      occurredAt: now,
      note: "",
      detail: `Availability ${budget.availabilityPercent?.toFixed(3)}% over the last ${level.windowDays} days, target ${level.target}%: ${Math.round(budget.downtimeMs / 60_000)} min down, ${Math.round(budget.allowedDowntimeMs / 60_000)} min allowed.`,
    });
    return { serviceId: level.serviceId };
  });
  return { ok: true, id: serviceLevelId, version: null, seq: lastSeqOf(events, result.serviceId) };
}
