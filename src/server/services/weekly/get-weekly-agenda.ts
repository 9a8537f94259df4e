import "server-only";
import { can, type Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZWeeklyQuery, type TPortfolioWeekly, type TWeeklyAgenda, type TWeeklyQuery } from "@/lib/schemas/weekly";
import { weekOf } from "@/domain/weekly";
import { isoWeekStart } from "@/domain/kaizen/weeks";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { now as clockNow } from "@/server/clock";
import { parseInput } from "@/server/services/parse-input";
import { loadWeeklyAgendas, resolveWeek } from "./load-weekly-agendas";

const SERVICE_SELECT = { id: true, key: true, name: true, teamId: true, lastSeq: true, team: { select: { name: true } } } as const;

/**
 * The weekly synchronisation agenda of one service for an ISO week (default: the current one).
 * Needs service.view (404: missing or not yours); a week that does not exist is a 400 naming it.
 */
export async function getWeeklyAgenda(actor: Actor, serviceKeyOrId: string, query: TWeeklyQuery = {}, now = clockNow()): Promise<TWeeklyAgenda> {
  const q = parseInput(ZWeeklyQuery, query);
  const service = await db.service.findFirst({
    where: { AND: [{ OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }] }, visibleServiceWhere(actor)] },
    select: SERVICE_SELECT,
  });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  await assertCan(actor, "service.view", { teamId: service.teamId, serviceId: service.id });
  const weekStart = resolveWeek(q.week, now);
  const [agenda] = await loadWeeklyAgendas([{ ...service, teamName: service.team.name }], weekStart, now);
  return agenda!;
}

/**
 * The weekly agenda of the whole portfolio: one per service the actor may see (scoped in the
 * query: another team's services are neither read nor counted), by name.
 */
export async function getPortfolioWeekly(actor: Actor, query: TWeeklyQuery = {}, now = clockNow()): Promise<TPortfolioWeekly> {
  const q = parseInput(ZWeeklyQuery, query);
  const weekStart = resolveWeek(q.week, now);
  const visible = await db.service.findMany({ where: visibleServiceWhere(actor), orderBy: { name: "asc" }, select: SERVICE_SELECT });
  const services = visible.filter((s) => can(actor, "service.view", { teamId: s.teamId, serviceId: s.id })).map((s) => ({ ...s, teamName: s.team.name }));
  const week = weekOf(weekStart);
  return {
    week: week.label,
    from: week.from.toISOString(),
    to: week.to.toISOString(),
    previous: week.previous,
    next: week.next,
    current: weekStart.getTime() === isoWeekStart(now).getTime(),
    generatedAt: now.toISOString(),
    agendas: await loadWeeklyAgendas(services, weekStart, now),
  };
}
