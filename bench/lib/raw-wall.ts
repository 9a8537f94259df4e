// The raw baseline of (a): the wall snapshot's reads as prepared better-sqlite3 statements, the
// rows shaped as Prisma hands them over (Dates, booleans, parsed JSON), then the same in-memory
// assembly as src/server/services/walls/get-wall-snapshot.ts, using the app's own pure pieces
// (toWallItemDto, stageProblems, orderStages). Mirrors that file: when it changes, the bench's
// equality check says so, and this follows.
import type Database from "better-sqlite3";
import { stageProblems, type HealthItem, type StageProblem } from "@/domain/visual-control";
import { orderStages } from "@/domain/stages";
import type { TWallItem } from "@/lib/schemas/item";
import type { TOpenAndon, TWallSnapshot, TWallStage } from "@/lib/schemas/wall";
import { toWallItemDto } from "@/server/services/items/wall-item";

type RejectionPayload = { itemId: string; fromStageId: string; toStageId: string; reason: string; enteredStageAt: string };
type ItemRow = Parameters<typeof toWallItemDto>[0];

const date = (v: unknown) => new Date(v as string);

export function rawWallSnapshot(raw: Database.Database, teamIds: readonly string[]): (serviceKeyOrId: string) => TWallSnapshot {
  const selService = raw.prepare(
    `SELECT id, key, name, description, teamId, status, lastSeq FROM Service
      WHERE (id = ? OR key = ?) AND teamId IN (${teamIds.map(() => "?").join(",")}) LIMIT 1`,
  );
  const selStages = raw.prepare(
    "SELECT id, key, name, position, wipLimit, ageThresholdHours, retired, version FROM Stage WHERE serviceId = ?",
  );
  const selCriteria = raw.prepare(
    `SELECT c.id, c.text, c.stageId FROM DoneCriterion c JOIN Stage s ON s.id = c.stageId
      WHERE s.serviceId = ? AND c.retired = 0 ORDER BY c.position`,
  );
  const selItems = raw.prepare(
    `SELECT id, serviceId, stageId, kind, title, description, rank, labels, blockedReason, businessValue, costEstimate,
            version, enteredStageAt, createdAt, expedite, expediteReason, rejectionCount
       FROM WorkItem WHERE serviceId = ? ORDER BY rank`,
  );
  const selStates = raw.prepare(
    `SELECT s.itemId, s.criterionId FROM ItemCriterionState s JOIN WorkItem w ON w.id = s.itemId
      WHERE s.done = 1 AND w.serviceId = ?`,
  );
  const selAndons = raw.prepare(
    `SELECT id, stageId, itemId, reason, pulledById, pulledAt, problemId FROM Andon
      WHERE serviceId = ? AND releasedAt IS NULL ORDER BY pulledAt`,
  );
  const selRejections = raw.prepare("SELECT payload FROM Event WHERE serviceId = ? AND type = 'item.rejected' ORDER BY seq");

  const read = raw.transaction((key: string) => {
    const service = selService.get(key, key, ...teamIds) as
      | { id: string; key: string; name: string; description: string; teamId: string; status: string; lastSeq: number }
      | undefined;
    if (!service) throw new Error("service not found");
    const criteria = new Map<string, { id: string; text: string }[]>();
    for (const c of selCriteria.all(service.id) as { id: string; text: string; stageId: string }[]) {
      const list = criteria.get(c.stageId);
      if (list) list.push({ id: c.id, text: c.text });
      else criteria.set(c.stageId, [{ id: c.id, text: c.text }]);
    }
    type StageRow = { id: string; key: string; name: string; position: number; wipLimit: number | null; ageThresholdHours: number | null; retired: number; version: number };
    const stages = (selStages.all(service.id) as StageRow[]).map((s) => ({ ...s, retired: s.retired === 1, doneCriteria: criteria.get(s.id) ?? [] }));
    const items: ItemRow[] = (selItems.all(service.id) as (Omit<ItemRow, "enteredStageAt" | "createdAt" | "expedite" | "labels"> & { enteredStageAt: string; createdAt: string; expedite: number; labels: string })[]).map((r) => ({
      ...r,
      labels: JSON.parse(r.labels) as unknown,
      enteredStageAt: date(r.enteredStageAt),
      createdAt: date(r.createdAt),
      expedite: r.expedite === 1,
    }));
    const states = selStates.all(service.id) as { itemId: string; criterionId: string }[];
    const andons = (selAndons.all(service.id) as { id: string; stageId: string; itemId: string | null; reason: string; pulledById: string | null; pulledAt: string; problemId: string | null }[]).map((a) => ({ ...a, pulledAt: date(a.pulledAt) }));
    const rejections = (selRejections.all(service.id) as { payload: string }[]).map((e) => ({ payload: JSON.parse(e.payload) as unknown }));
    return { service, stages, items, states, andons, rejections };
  });

  return (serviceKeyOrId: string) => {
    const r = read(serviceKeyOrId);
    const now = new Date();
    const { service, stages, items } = r;
    const criterionStage = new Map<string, string>();
    for (const s of stages) for (const c of s.doneCriteria) criterionStage.set(c.id, s.id);
    const doneByItem = new Map<string, string[]>();
    for (const st of r.states) {
      const list = doneByItem.get(st.itemId);
      if (list) list.push(st.criterionId);
      else doneByItem.set(st.itemId, [st.criterionId]);
    }
    const andonsByStage = new Map<string, TOpenAndon[]>();
    const andonByItem = new Map<string, TOpenAndon>();
    for (const a of r.andons) {
      const dto: TOpenAndon = { ...a, pulledAt: a.pulledAt.toISOString() };
      andonsByStage.set(a.stageId, [...(andonsByStage.get(a.stageId) ?? []), dto]);
      if (a.itemId && !andonByItem.has(a.itemId)) andonByItem.set(a.itemId, dto);
    }
    const sent = new Map<string, number>();
    const received = new Map<string, number>();
    const lastRejection = new Map<string, RejectionPayload>();
    for (const { payload } of r.rejections) {
      const p = payload as RejectionPayload;
      sent.set(p.fromStageId, (sent.get(p.fromStageId) ?? 0) + 1);
      received.set(p.toStageId, (received.get(p.toStageId) ?? 0) + 1);
      lastRejection.set(p.itemId, p);
    }
    const wallItems: TWallItem[] = new Array(items.length);
    const healthByStage = new Map<string, HealthItem[]>();
    for (let i = 0; i < items.length; i++) {
      const row = items[i]!;
      const states = doneByItem.get(row.id);
      const andon = andonByItem.get(row.id);
      const dto = toWallItemDto(row, {
        doneCriterionIds: states ? states.filter((c) => criterionStage.get(c) === row.stageId) : [],
        andon: andon ? { id: andon.id, reason: andon.reason, pulledAt: new Date(andon.pulledAt) } : null,
        sentBack: null,
      });
      const entered = dto.enteredStageAt;
      const rej = row.rejectionCount > 0 ? lastRejection.get(row.id) : undefined;
      const sentBack = rej && rej.toStageId === row.stageId && rej.enteredStageAt === entered ? { reason: rej.reason, fromStageId: rej.fromStageId } : null;
      dto.sentBack = sentBack;
      wallItems[i] = dto;
      const health: HealthItem = {
        id: row.id,
        title: row.title,
        blockedReason: row.blockedReason,
        enteredStageAt: entered,
        expediteReason: dto.expedite?.reason ?? null,
        sentBackReason: sentBack?.reason ?? null,
      };
      const list = healthByStage.get(row.stageId);
      if (list) list.push(health);
      else healthByStage.set(row.stageId, [health]);
    }
    const wallStages: TWallStage[] = orderStages(stages).map((s) => {
      const here = healthByStage.get(s.id) ?? [];
      const openAndons = andonsByStage.get(s.id) ?? [];
      const problems: StageProblem[] = stageProblems({
        stage: s,
        items: here,
        openAndons: openAndons.map((a) => ({ reason: a.reason, itemId: a.itemId, problemId: a.problemId })),
        now,
      });
      return { ...s, itemCount: here.length, openAndons, rejections: { sent: sent.get(s.id) ?? 0, received: received.get(s.id) ?? 0 }, problems, kaizenProblems: [], feedback: [] };
    });
    const { lastSeq, ...rest } = service;
    return {
      service: rest as TWallSnapshot["service"],
      stages: wallStages,
      items: wallItems,
      problems: wallStages.flatMap((s) => s.problems.map((p) => ({ ...p, stageId: s.id, stageName: s.name }))),
      seq: lastSeq,
    };
  };
}
