import "server-only";
import type { Actor } from "@/domain/permissions";
import { orderStages } from "@/domain/stages";
import { AppError } from "@/lib/errors";
import type { EventPayloads, ObeyaEvent } from "@/lib/events";
import { emptyWall, foldedWall, foldEvent, playbackProblems, startFold, type PlaybackWall } from "@/lib/realtime/playback";
import type { TWallPlayback } from "@/lib/schemas/playback";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { STAGE_SELECT, toStageDto } from "@/server/services/stages/stage-dto";

/** A checkpoint every this many events: the wall at any moment is one checkpoint plus at most this many events. */
export const CHECKPOINT_EVERY = 10_000;
const PAGE = 5_000;
const RECENT = 20;
const UPCOMING = 200;

const EVENT_SELECT = { serviceId: true, seq: true, type: true, actorId: true, payload: true, createdAt: true } as const;
type EventRow = { serviceId: string; seq: number; type: string; actorId: string | null; payload: unknown; createdAt: Date };
const toEvent = (r: EventRow) => ({ ...r, createdAt: r.createdAt.toISOString() }) as ObeyaEvent;

/**
 * The wall before any event: the stages the service was created with, as `service.created` says.
 * Events written before it carried them name the stages only: they are taken as configured now
 * (later stages and every change after creation come from stage events).
 */
async function firstWall(serviceId: string): Promise<PlaybackWall> {
  const created = await db.event.findFirst({ where: { serviceId, type: "service.created" }, orderBy: { seq: "asc" }, select: { payload: true } });
  const payload = created?.payload as Partial<EventPayloads["service.created"]> | null;
  if (payload?.stages) return emptyWall(payload.stages);
  const ids = payload?.stageIds;
  const later = await db.event.findMany({ where: { serviceId, type: "stage.added" }, select: { payload: true } });
  const added = new Set(later.map((e) => (e.payload as { stage: { id: string } }).stage.id));
  const rows = await db.stage.findMany({ where: { serviceId, ...(ids ? { id: { in: ids } } : {}) }, select: STAGE_SELECT });
  return emptyWall(rows.filter((r) => ids || !added.has(r.id)).map(toStageDto));
}

async function saveCheckpoints(serviceId: string, checkpoints: { seq: number; at: Date; state: string }[]): Promise<void> {
  for (const c of checkpoints) {
    // Another request may have folded the same stretch at the same time: its copy is the same.
    await db.wallCheckpoint.create({ data: { serviceId, ...c } }).catch((e: unknown) => {
      if ((e as { code?: string }).code !== "P2002") throw e;
    });
  }
}

/**
 * The wall of one service after every event that had happened by `at`: the last checkpoint at
 * or before `at`, then the events after it in sequence order up to the first one later than
 * `at`. Checkpoints crossed on the way (every CHECKPOINT_EVERY seq) are stored, so the first
 * look at a long history folds it once and later looks read one checkpoint and a few thousand
 * events. Reads only what the log says; never writes the service's state.
 */
export async function rebuildWallAt(serviceId: string, at: Date, every = CHECKPOINT_EVERY): Promise<{ wall: PlaybackWall; eventsRead: number }> {
  const checkpoint = await db.wallCheckpoint.findFirst({ where: { serviceId, at: { lte: at } }, orderBy: { seq: "desc" }, select: { seq: true, state: true } });
  const start = checkpoint ? (JSON.parse(checkpoint.state) as PlaybackWall) : await firstWall(serviceId);
  // The next checkpoint is later than `at`: no event after it is needed.
  const next = await db.wallCheckpoint.findFirst({ where: { serviceId, seq: { gt: start.seq } }, orderBy: { seq: "asc" }, select: { seq: true } });
  const fold = startFold(start);
  const found: { seq: number; at: Date; state: string }[] = [];
  let eventsRead = 0;
  for (;;) {
    const rows = await db.event.findMany({
      where: { serviceId, seq: { gt: fold.seq, ...(next ? { lte: next.seq } : {}) } },
      orderBy: { seq: "asc" },
      take: PAGE,
      select: EVENT_SELECT,
    });
    eventsRead += rows.length;
    let done = rows.length < PAGE;
    for (const row of rows) {
      if (row.createdAt > at) {
        done = true;
        break;
      }
      foldEvent(fold, toEvent(row));
      if (row.seq % every === 0) found.push({ seq: row.seq, at: row.createdAt, state: JSON.stringify(foldedWall(fold)) });
    }
    if (done) break;
  }
  if (found.length > 0) await saveCheckpoints(serviceId, found);
  return { wall: foldedWall(fold), eventsRead };
}

/**
 * GET /api/v1/services/{id}/playback?at=… — the value-stream wall as it was at `at` (scoped like
 * the wall: 404 for missing and not yours, service.view), with the events around that moment
 * for the slider and for play.
 */
export async function getWallAt(actor: Actor, serviceKeyOrId: string, atInput: Date, every = CHECKPOINT_EVERY): Promise<TWallPlayback> {
  const service = await db.service.findFirst({
    where: { OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }], ...visibleServiceWhere(actor) },
    select: { id: true, key: true, name: true, teamId: true, createdAt: true },
  });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  await assertCan(actor, "service.view", { teamId: service.teamId, serviceId: service.id });
  const now = new Date();
  const at = atInput > now ? now : atInput;
  const { wall } = await rebuildWallAt(service.id, at, every);
  const [recent, upcoming, first] = await Promise.all([
    db.event.findMany({ where: { serviceId: service.id, seq: { gt: wall.seq - RECENT, lte: wall.seq } }, orderBy: { seq: "asc" }, select: EVENT_SELECT }),
    db.event.findMany({ where: { serviceId: service.id, seq: { gt: wall.seq } }, orderBy: { seq: "asc" }, take: UPCOMING, select: EVENT_SELECT }),
    db.event.findFirst({ where: { serviceId: service.id }, orderBy: { seq: "asc" }, select: { createdAt: true } }),
  ]);
  const problems = playbackProblems(wall, at);
  const byStage = new Map(problems.map((p) => [p.stageId, p.problems]));
  const counts = new Map<string, number>();
  for (const i of wall.items) counts.set(i.stageId, (counts.get(i.stageId) ?? 0) + 1);
  return {
    service: { id: service.id, key: service.key, name: service.name },
    at: at.toISOString(),
    seq: wall.seq,
    from: (first?.createdAt ?? service.createdAt).toISOString(),
    to: now.toISOString(),
    stages: orderStages(wall.stages).map((s) => ({
      ...s,
      doneCriteria: s.doneCriteria ?? [],
      rejections: s.rejections ?? { sent: 0, received: 0 },
      itemCount: counts.get(s.id) ?? 0,
      openAndons: wall.andons.filter((a) => a.stageId === s.id),
      problems: byStage.get(s.id) ?? [],
    })),
    items: wall.items,
    problems: problems.flatMap((p) => p.problems.map((x) => ({ ...x, stageId: p.stageId, stageName: p.stageName }))),
    recent: recent.map(toEvent),
    upcoming: upcoming.map(toEvent),
  };
}
