// The wall's client state as pure functions over plain data, so live events, optimistic moves
// and their rollback are one reducer (unit-tested without a browser), and a drag-and-drop
// layer can later dispatch the same actions as the "Move to…" menu.
import { stageProblems, type HealthItem, type StageProblem } from "@/domain/visual-control";
import type { ObeyaEvent } from "@/lib/events";
import { applyWallEvent, asWallItem } from "@/lib/realtime/wall-state";
import type { TWallItem, TWorkItem } from "@/lib/schemas/item";
import { SERVER_PROBLEM_KINDS, type TFeedbackProposal, type TOpenAndon } from "@/lib/schemas/wall";

export type WallStage = {
  id: string;
  key: string;
  name: string;
  position: number;
  wipLimit: number | null;
  ageThresholdHours: number | null;
  retired: boolean;
  // The stage's done-criteria (JKK), as the snapshot sends them: a card shows what it is missing.
  doneCriteria?: { id: string; text: string }[];
  version?: number;
  // Items sent back upstream from this stage (sent) and to it (received), kept live.
  rejections?: { sent: number; received: number };
};

/** A stage as the snapshot sends it: the live parts (andons, problems) are split off into the state. */
export type KaizenProblemRef = { id: string; title: string };

export type WallStageInput = WallStage & {
  openAndons?: TOpenAndon[];
  problems?: StageProblem[];
  feedback?: TFeedbackProposal[];
  kaizenProblems?: KaizenProblemRef[];
};

/** A problem only the server sees (failing tests, waiting RfCs, NO-GO), kept from the last snapshot. */
export type ServerProblem = StageProblem & { stageId: string };

export type PendingMove = { toStageId: string; fromStageId: string; expectedVersion: number };

export type WallNotice = { id: number; tone: "error" | "info"; text: string };

export type WallState = {
  stages: WallStage[];
  // Confirmed state: what the server said (snapshot + events + move responses).
  items: TWallItem[];
  // Open andons of the service, oldest first (live: andon.pulled / andon.released).
  andons: TOpenAndon[];
  // Problems from other walls' data: replaced by each refetched snapshot, not by events.
  serverProblems: ServerProblem[];
  // The seq of the snapshot serverProblems came from: an older answer never replaces a newer one.
  serverProblemsSeq: number;
  // Kaizen in advance: open proposals from downstream to upstream stages, oldest first (from the snapshot, like serverProblems).
  feedback: TFeedbackProposal[];
  // The open Kaizen problems of each stage (stage id → problems), whose sheets the headers link.
  kaizenProblems: Record<string, KaizenProblemRef[]>;
  // The last event applied (the snapshot's seq before any).
  seq: number;
  // Moves sent but not answered: shown on screen before the server confirms them.
  pending: Record<string, PendingMove>;
  notices: WallNotice[];
  nextNoticeId: number;
};

export type WallAction =
  | { type: "reset"; stages: WallStageInput[]; items: TWorkItem[]; seq: number }
  // A snapshot fetched because another wall changed (story, RfC, release): only its server
  // problems and andon names are taken, so moves in flight and newer events stay as they are.
  | { type: "server.problems"; stages: WallStageInput[]; seq: number }
  | { type: "event"; event: ObeyaEvent }
  | { type: "move.start"; itemId: string; toStageId: string }
  // The server's answer: a WallItem for a move, a plain item in a 409 body.
  | { type: "move.confirmed"; item: TWorkItem & Partial<TWallItem> }
  | { type: "move.failed"; itemId: string; message: string; current: (TWorkItem & Partial<TWallItem>) | null }
  | { type: "notice.add"; tone: WallNotice["tone"]; text: string }
  | { type: "notice.dismiss"; id: number };

const SERVER_KINDS: ReadonlySet<string> = new Set(SERVER_PROBLEM_KINDS);

function kaizenProblemsOf(stages: readonly WallStageInput[]): Record<string, KaizenProblemRef[]> {
  return Object.fromEntries(stages.filter((s) => (s.kaizenProblems ?? []).length > 0).map((s) => [s.id, s.kaizenProblems!]));
}

function feedbackOf(stages: readonly WallStageInput[]): TFeedbackProposal[] {
  return stages.flatMap((s) => s.feedback ?? []).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

function serverProblemsOf(stages: readonly WallStageInput[]): ServerProblem[] {
  return stages.flatMap((s) => (s.problems ?? []).filter((p) => SERVER_KINDS.has(p.kind)).map((p) => ({ ...p, stageId: s.id })));
}

export function initialWallState(stages: WallStageInput[], items: TWorkItem[], seq: number): WallState {
  const andons = stages.flatMap((s) => s.openAndons ?? []).sort((a, b) => (a.pulledAt < b.pulledAt ? -1 : a.pulledAt > b.pulledAt ? 1 : 0));
  return {
    stages: stages.map(({ openAndons: _a, problems: _p, feedback: _f, kaizenProblems: _k, ...stage }) => ({ ...stage, rejections: stage.rejections ?? { sent: 0, received: 0 } })),
    items: items.map(asWallItem),
    andons,
    serverProblems: serverProblemsOf(stages),
    serverProblemsSeq: seq,
    feedback: feedbackOf(stages),
    kaizenProblems: kaizenProblemsOf(stages),
    seq,
    pending: {},
    notices: [],
    nextNoticeId: 1,
  };
}

function findItem(state: WallState, itemId: string): TWallItem | undefined {
  return state.items.find((i) => i.id === itemId);
}

/**
 * Keeps whichever copy of an item is newer: events, move responses and 409 bodies may cross.
 * A response carries the wall fields too (a move answers a WallItem); a plain item keeps ours.
 */
function upsertIfNewer(items: TWallItem[], next: TWorkItem & Partial<TWallItem>): TWallItem[] {
  const i = items.findIndex((x) => x.id === next.id);
  if (i < 0) return [...items, asWallItem(next)];
  if (items[i]!.version >= next.version) return items;
  return items.with(i, { ...items[i]!, ...next });
}

function addNotice(state: WallState, tone: WallNotice["tone"], text: string): WallState {
  // The last few only: a TV left on for days must not pile them up.
  const notices = [...state.notices, { id: state.nextNoticeId, tone, text }].slice(-3);
  return { ...state, notices, nextNoticeId: state.nextNoticeId + 1 };
}

export function stageName(state: WallState, stageId: string): string {
  return state.stages.find((s) => s.id === stageId)?.name ?? "another stage";
}

export function wallReducer(state: WallState, action: WallAction): WallState {
  switch (action.type) {
    case "reset":
      return { ...initialWallState(action.stages, action.items, action.seq), notices: state.notices, nextNoticeId: state.nextNoticeId };

    case "server.problems": {
      if (action.seq < state.serverProblemsSeq) return state;
      // Names of who pulled each andon: a live andon.pulled carries only the actor's id.
      const names = new Map(action.stages.flatMap((s) => s.openAndons ?? []).map((a) => [a.id, a.pulledByName ?? null]));
      const andons = state.andons.map((a) => (a.pulledByName || !names.get(a.id) ? a : { ...a, pulledByName: names.get(a.id)! }));
      return { ...state, andons, serverProblems: serverProblemsOf(action.stages), serverProblemsSeq: action.seq, feedback: feedbackOf(action.stages), kaizenProblems: kaizenProblemsOf(action.stages) };
    }

    case "event": {
      const ev = action.event;
      // Our own move's response may have landed before its event: never step an item back.
      if (ev.type === "item.moved") {
        const known = findItem(state, ev.payload.itemId);
        if (known && known.version >= ev.payload.version) return { ...state, seq: ev.seq };
      }
      // WallFeed hands events over in seq order, once each; the shared reducer says what they mean.
      return applyWallEvent(state, ev);
    }

    case "move.start": {
      const item = findItem(state, action.itemId);
      if (!item || state.pending[action.itemId] || item.stageId === action.toStageId) return state;
      return {
        ...state,
        pending: {
          ...state.pending,
          [action.itemId]: { toStageId: action.toStageId, fromStageId: item.stageId, expectedVersion: item.version },
        },
      };
    }

    case "move.confirmed": {
      const { [action.item.id]: _done, ...pending } = state.pending;
      return { ...state, pending, items: upsertIfNewer(state.items, action.item) };
    }

    case "move.failed": {
      const { [action.itemId]: _failed, ...pending } = state.pending;
      const items = action.current ? upsertIfNewer(state.items, action.current) : state.items;
      return addNotice({ ...state, pending, items }, "error", action.message);
    }

    case "notice.add":
      return addNotice(state, action.tone, action.text);

    case "notice.dismiss":
      return { ...state, notices: state.notices.filter((n) => n.id !== action.id) };
  }
}

/** Where an item shows now: its pending target while a move is in flight, else where it is. */
export function shownStageId(state: WallState, item: TWorkItem): string {
  return state.pending[item.id]?.toStageId ?? item.stageId;
}

/** Items per stage, in rank order (fractional-index ranks compare as plain strings). */
export function itemsByStage(state: WallState): Map<string, TWallItem[]> {
  const byStage = new Map<string, TWallItem[]>(state.stages.map((s) => [s.id, []]));
  for (const item of state.items) byStage.get(shownStageId(state, item))?.push(item);
  for (const list of byStage.values()) list.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : 1));
  return byStage;
}

/** "3d", "5h", "12m": short enough for a card on a TV. */
export function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

// ---------------------------------------------------------------- visual control

/** What a stage header shows: its problems (empty: green), open andons and rejections. */
export type StageHealth = {
  stageId: string;
  stageName: string;
  itemCount: number;
  wipLimit: number | null;
  problems: StageProblem[];
  andons: TOpenAndon[];
  rejections: { sent: number; received: number };
  /** Open Kaizen problems of the stage (absent: not known here). */
  kaizenProblems?: KaizenProblemRef[];
};

/**
 * Every stage's problems, computed in the browser from the wall's own state with the same pure
 * rule the server uses (stageProblems), so a header changes the instant an event arrives; the
 * problems only the server sees are added from the last snapshot. Items count where they show
 * (a move in flight counts in its target), like the column.
 */
export function wallHealth(state: WallState, now: number, columns: Map<string, TWallItem[]> = itemsByStage(state)): StageHealth[] {
  const at = new Date(now);
  return state.stages.map((stage) => {
    const items = columns.get(stage.id) ?? [];
    const andons = state.andons.filter((a) => a.stageId === stage.id);
    const health: HealthItem[] = items.map((i) => ({
      id: i.id,
      title: i.title,
      blockedReason: i.blockedReason,
      enteredStageAt: i.enteredStageAt,
      expediteReason: i.expedite?.reason ?? null,
      // The defect belongs to the stage it was sent back to; an optimistic move elsewhere hides it.
      sentBackReason: i.stageId === stage.id ? (i.sentBack?.reason ?? null) : null,
    }));
    return {
      stageId: stage.id,
      stageName: stage.name,
      itemCount: items.length,
      wipLimit: stage.wipLimit,
      problems: stageProblems({
        stage,
        items: health,
        openAndons: andons.map((a) => ({ reason: a.reason, itemId: a.itemId, problemId: a.problemId })),
        extra: state.serverProblems.filter((p) => p.stageId === stage.id).map(({ stageId: _s, ...p }) => p),
        now: at,
      }),
      andons,
      rejections: stage.rejections ?? { sent: 0, received: 0 },
      kaizenProblems: state.kaizenProblems[stage.id] ?? [],
    };
  });
}

/**
 * Whether an event may change the problems only the server sees, so the wall refetches its
 * snapshot: every watcher does, so it is asked only when it can matter (a busy backlog edits
 * stories all day; a 5,000-item wall moves cards every few seconds). `known` is what the wall
 * shows now. A periodic refresh covers an RfC crossing its waiting threshold (no event at all).
 */
export function needsServerProblems(event: ObeyaEvent, known?: readonly ServerProblem[]): boolean {
  // Without what the wall shows now, every event that might matter does (the safe side).
  const involves = (kind: ServerProblem["kind"] | null, itemId: string) =>
    !known || known.some((p) => (kind === null || p.kind === kind) && p.itemIds.includes(itemId));
  switch (event.type) {
    case "release.decided":
    case "release.items.changed":
      return true;
    // The name of who pulled it comes with the snapshot.
    case "andon.pulled":
      return true;
    // A test story fails now, or failed before this change.
    case "story.created":
    case "story.updated":
      return (event.payload.counts?.failingTests ?? 1) > 0 || involves("FAILING_TEST", event.payload.itemId);
    // A new request is young: it cannot be waiting too long yet. A decision may end a waiting one.
    case "rfc.raised":
      return false;
    case "rfc.approval.recorded":
    case "rfc.decided":
      return !known || known.some((p) => p.kind === "RFC_WAITING");
    // A failing test or a NO-GO shows on its item's stage, and a done item stops counting.
    case "item.moved":
    case "item.rejected":
      return involves(null, event.payload.itemId);
    // The service wall's data: its problems show on the Operations and End-of-life stages.
    case "mri.updated":
    case "mri.reviewed":
    case "mri.removed":
    case "mri.required.set":
    case "serviceLevel.created":
    case "serviceLevel.breached":
    case "serviceLevel.breach.resolved":
    case "availability.recorded":
    case "recovery.objectives.set":
    case "recoveryTest.recorded":
    case "cost.recorded":
    case "service.endOfLife.decided":
      return true;
    // Kaizen: a countermeasure added, done or re-dated, or a problem closed, may start or end an
    // overdue one.
    case "problem.updated":
      return event.payload.change === "countermeasure" || event.payload.change === "proposal" || !known || known.some((p) => p.kind === "COUNTERMEASURE_OVERDUE");
    // A problem opened or closed changes the sheets a stage header links.
    case "problem.opened":
      return true;
    case "problem.pdca.moved":
      return event.payload.to === "CLOSED" || !known || known.some((p) => p.kind === "COUNTERMEASURE_OVERDUE");
    // Proposals are the wall's feedback loop: a new one and an answer change it (both are rare).
    case "kaizen.proposed":
    case "kaizen.answered":
      return true;
    // The weekly meeting's actions: one recorded already late, or marked done or open again, may
    // start or end an overdue one (a few a week).
    case "weekly.action.recorded":
    case "weekly.action.updated":
      return true;
    default:
      // Story or RfC event types added later: refetch rather than show a stale problem.
      return event.type.startsWith("story.") || event.type.startsWith("rfc.");
  }
}
