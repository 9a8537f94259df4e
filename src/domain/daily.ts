// The daily feedback view: what changed on a service since the previous working day, read from
// its event log and grouped by the stage where it happened, for a stand-up in front of the wall.
// Days are UTC days, as due dates are (src/domain/kaizen/pdca.ts isOverdue).

const DAY_MS = 86_400_000;

export function utcDayStart(t: Date): Date {
  return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
}

/**
 * The start of the previous working day: yesterday, except that Monday (and the weekend) look
 * back to Friday — a Monday stand-up covers everything since Friday morning.
 */
export function previousWorkingDay(now: Date): Date {
  const today = utcDayStart(now);
  const dow = today.getUTCDay(); // 0 Sunday … 6 Saturday
  const back = dow === 1 ? 3 : dow === 0 ? 2 : 1;
  return new Date(today.getTime() - back * DAY_MS);
}

/** [start, end) of the UTC day of `now`: a countermeasure due in it is due today. */
export function todayRange(now: Date): { from: Date; to: Date } {
  const from = utcDayStart(now);
  return { from, to: new Date(from.getTime() + DAY_MS) };
}

export type DailyEventInput = {
  seq: number;
  type: string;
  createdAt: Date;
  actorName: string | null;
  payload: unknown;
};

export type DailyLine = { seq: number; at: string; type: string; text: string; actorName: string | null; itemId: string | null };
export type DailyGroup = { stageId: string | null; stageName: string; lines: DailyLine[] };
export type DailyDigest = {
  groups: DailyGroup[];
  newProblems: Array<{ problemId: string; title: string; stageName: string | null; at: string }>;
  sentBack: Array<{ itemId: string; title: string; fromStageName: string; toStageName: string; reason: string; at: string }>;
  blocked: Array<{ itemId: string; title: string; reason: string; at: string }>;
};

export type DailyContext = {
  /** every stage of the service (retired ones too: history may name them), any order */
  stages: ReadonlyArray<{ id: string; name: string; position: number }>;
  /** titles and current stages of the items the events name */
  items: ReadonlyMap<string, { title: string; stageId: string }>;
  /** titles of the Kaizen problems the events name */
  problems?: ReadonlyMap<string, { title: string; stageId: string | null }>;
};

type P = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** Where an event happened (a stage id, or null: the service as a whole) and what to say. */
function describe(type: string, p: P, ctx: DailyContext, stageName: (id: string | null) => string): { stageId: string | null; text: string; itemId: string | null } {
  const itemId = str(p.itemId) ?? str((p.item as P | undefined)?.id);
  const item = itemId ? ctx.items.get(itemId) : undefined;
  const title = item?.title ?? str((p.item as P | undefined)?.title) ?? "an item";
  const here = item?.stageId ?? null;
  switch (type) {
    case "item.created":
      return { stageId: str((p.item as P | undefined)?.stageId) ?? here, text: `New: ${title}`, itemId };
    case "item.moved":
      return { stageId: str(p.toStageId), text: `${title} arrived from ${stageName(str(p.fromStageId))}${p.expedite ? " (expedited)" : ""}`, itemId };
    case "item.rejected":
      return { stageId: str(p.toStageId), text: `${title} sent back from ${stageName(str(p.fromStageId))}: ${str(p.reason) ?? ""}`, itemId };
    case "item.blocked":
      return { stageId: here, text: `${title} blocked: ${str(p.reason) ?? ""}`, itemId };
    case "item.unblocked":
      return { stageId: here, text: `${title} unblocked`, itemId };
    case "item.criteria.checked":
      return { stageId: str(p.stageId) ?? here, text: `${title}: done-criteria ${p.done ? "met" : "unticked"}${p.stageDone ? " — stage done" : ""}`, itemId };
    case "item.updated":
      return { stageId: here, text: `${title} edited`, itemId };
    case "item.commented":
      return { stageId: here, text: `Comment on ${title}`, itemId };
    case "andon.pulled":
      return { stageId: str(p.stageId), text: `Andon pulled: ${str(p.reason) ?? ""}`, itemId };
    case "andon.released":
      return { stageId: str(p.stageId), text: `Andon released${str(p.countermeasure) ? `: ${str(p.countermeasure)}` : ""}`, itemId };
    case "problem.opened":
      return { stageId: str(p.stageId), text: `Problem opened: ${str(p.title) ?? ""}`, itemId: null };
    case "problem.pdca.moved": {
      const problem = str(p.problemId) ? ctx.problems?.get(str(p.problemId)!) : undefined;
      return { stageId: problem?.stageId ?? null, text: `${problem?.title ?? "A problem"} moved to ${String(p.to)}`, itemId: null };
    }
    case "kaizen.proposed":
      return { stageId: str(p.toStageId), text: `Kaizen proposal from ${stageName(str(p.fromStageId))}`, itemId: null };
    case "rfc.raised":
      return { stageId: null, text: `Request for change raised: ${str(p.title) ?? ""}`, itemId: null };
    case "rfc.decided":
      return { stageId: null, text: `Request for change ${String(p.status).toLowerCase()}`, itemId: null };
    case "release.decided":
      return { stageId: null, text: `Release decision: ${String(p.outcome ?? "").replace("_", "-")}`, itemId: null };
    default: {
      const words = type.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[.]/g, " ").toLowerCase();
      return { stageId: null, text: words.charAt(0).toUpperCase() + words.slice(1), itemId };
    }
  }
}

/** One line for an event, as the daily view and wall playback say it. */
export function describeEvent(type: string, payload: unknown, ctx: DailyContext): string {
  const stageById = new Map(ctx.stages.map((s) => [s.id, s]));
  return describe(type, (payload ?? {}) as P, ctx, (id) => (id && stageById.get(id)?.name) || "another stage").text;
}

/**
 * Groups the events (ascending seq) by the stage they happened on, stages in wall order and the
 * service-wide ones last; lists the problems opened, the items sent back and those blocked.
 */
export function dailyDigest(events: readonly DailyEventInput[], ctx: DailyContext): DailyDigest {
  const stageById = new Map(ctx.stages.map((s) => [s.id, s]));
  const stageName = (id: string | null) => (id && stageById.get(id)?.name) || "another stage";
  const groups = new Map<string | null, DailyLine[]>();
  const digest: DailyDigest = { groups: [], newProblems: [], sentBack: [], blocked: [] };
  for (const e of events) {
    const p = (e.payload ?? {}) as P;
    const at = e.createdAt.toISOString();
    const d = describe(e.type, p, ctx, stageName);
    const stageId = d.stageId && stageById.has(d.stageId) ? d.stageId : null;
    const list = groups.get(stageId) ?? [];
    list.push({ seq: e.seq, at, type: e.type, text: d.text, actorName: e.actorName, itemId: d.itemId });
    groups.set(stageId, list);
    if (e.type === "problem.opened") {
      digest.newProblems.push({ problemId: String(p.problemId), title: str(p.title) ?? "", stageName: stageId ? stageName(stageId) : null, at });
    } else if (e.type === "item.rejected" && d.itemId) {
      digest.sentBack.push({
        itemId: d.itemId,
        title: ctx.items.get(d.itemId)?.title ?? "an item",
        fromStageName: stageName(str(p.fromStageId)),
        toStageName: stageName(str(p.toStageId)),
        reason: str(p.reason) ?? "",
        at,
      });
    } else if (e.type === "item.blocked" && d.itemId) {
      digest.blocked.push({ itemId: d.itemId, title: ctx.items.get(d.itemId)?.title ?? "an item", reason: str(p.reason) ?? "", at });
    }
  }
  const order = [...groups.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : stageById.get(a)!.position - stageById.get(b)!.position));
  digest.groups = order.map((stageId) => ({ stageId, stageName: stageId ? stageName(stageId) : "Whole service", lines: groups.get(stageId)! }));
  return digest;
}
