import "server-only";
import { dailyDigest, previousWorkingDay, todayRange } from "@/domain/daily";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import type { TDailyView } from "@/lib/schemas/portfolio";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";

/** A stand-up reads a screen, not an archive: the newest events up to this many. */
export const DAILY_EVENT_LIMIT = 500;

/**
 * The daily feedback view of a service: what changed since the previous working day (the event
 * log, grouped by stage by the pure digest in src/domain/daily.ts), the items blocked now and
 * the countermeasures due today. Needs service.view (404: missing or not yours). A bounded
 * number of queries.
 */
export async function getDailyView(actor: Actor, serviceKeyOrId: string, now = new Date()): Promise<TDailyView> {
  const service = await db.service.findFirst({
    where: { AND: [{ OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }] }, visibleServiceWhere(actor)] },
    select: { id: true, key: true, name: true, teamId: true, lastSeq: true },
  });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  await assertCan(actor, "service.view", { teamId: service.teamId, serviceId: service.id });

  const since = previousWorkingDay(now);
  const today = todayRange(now);
  const [newest, stages, blockedNow, dueToday] = await Promise.all([
    db.event.findMany({
      where: { serviceId: service.id, createdAt: { gte: since }, seq: { lte: service.lastSeq } },
      orderBy: { seq: "desc" },
      take: DAILY_EVENT_LIMIT + 1,
      select: { seq: true, type: true, payload: true, createdAt: true, actorId: true },
    }),
    db.stage.findMany({ where: { serviceId: service.id }, select: { id: true, name: true, position: true } }),
    db.workItem.findMany({
      where: { serviceId: service.id, blockedReason: { not: null } },
      orderBy: { rank: "asc" },
      take: 200,
      select: { id: true, title: true, blockedReason: true, stage: { select: { name: true } } },
    }),
    db.countermeasure.findMany({
      where: { status: "OPEN", dueDate: { gte: today.from, lt: today.to }, problem: { serviceId: service.id, pdca: { not: "CLOSED" } } },
      orderBy: { createdAt: "asc" },
      select: { id: true, description: true, ownerId: true, problem: { select: { id: true, title: true } } },
    }),
  ]);
  const truncated = newest.length > DAILY_EVENT_LIMIT;
  const events = newest.slice(0, DAILY_EVENT_LIMIT).reverse();

  const itemIds = new Set<string>();
  const problemIds = new Set<string>();
  for (const e of events) {
    const p = (e.payload ?? {}) as { itemId?: unknown; item?: { id?: unknown }; problemId?: unknown };
    const id = typeof p.itemId === "string" ? p.itemId : typeof p.item?.id === "string" ? p.item.id : null;
    if (id) itemIds.add(id);
    if (e.type === "problem.pdca.moved" && typeof p.problemId === "string") problemIds.add(p.problemId);
  }
  const userIds = new Set<string>();
  for (const e of events) if (e.actorId) userIds.add(e.actorId);
  for (const c of dueToday) if (c.ownerId) userIds.add(c.ownerId);
  // Always sent (empty lists included), so the number of queries does not depend on the data.
  const [items, problems, users] = await Promise.all([
    db.workItem.findMany({ where: { serviceId: service.id, id: { in: [...itemIds] } }, select: { id: true, title: true, stageId: true } }),
    db.problem.findMany({ where: { serviceId: service.id, id: { in: [...problemIds] } }, select: { id: true, title: true, stageId: true } }),
    db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const digest = dailyDigest(
    events.map((e) => ({ seq: e.seq, type: e.type, createdAt: e.createdAt, payload: e.payload, actorName: e.actorId ? (userName.get(e.actorId) ?? null) : null })),
    {
      stages,
      items: new Map(items.map((i) => [i.id, { title: i.title, stageId: i.stageId }])),
      problems: new Map(problems.map((p) => [p.id, { title: p.title, stageId: p.stageId }])),
    },
  );
  return {
    service: { id: service.id, key: service.key, name: service.name },
    since: since.toISOString(),
    generatedAt: now.toISOString(),
    seq: service.lastSeq,
    truncated,
    ...digest,
    blockedNow: blockedNow.map((i) => ({ itemId: i.id, title: i.title, stageName: i.stage.name, reason: i.blockedReason ?? "" })),
    countermeasuresDueToday: dueToday.map((c) => ({
      id: c.id,
      description: c.description,
      problemId: c.problem.id,
      problemTitle: c.problem.title,
      ownerName: c.ownerId ? (userName.get(c.ownerId) ?? null) : null,
    })),
  };
}
