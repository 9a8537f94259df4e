"use client";

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import type { ErrorBody } from "@/lib/errors";
import type { TWorkItem } from "@/lib/schemas/item";
import { readRefusal, refusalNotice, skipNotice, type BoardItem, type MoveRefusal } from "./board/board-logic";
import { LanesToggle, useLaneMode } from "./board/lanes-toggle";
import { MoveReasonDialog, type ReasonRequest } from "./board/move-reason-dialog";
import { firstStageWithItems, useIsPhone } from "./board/stage-picker";
import { WallBoard } from "./board/wall-board";
import { NewItemButton } from "@/components/create/new-item-button";
import { ConnectionStatus } from "./connection-status";
import { ItemDrawer } from "./item-drawer/item-drawer";
import { Presence } from "./presence";
import { FeedbackLoop } from "./problems/feedback-loop";
import { focusStage } from "./problems/problem-board";
import { useServerProblems, WallProblemsProvider } from "./problems/wall-problems";
import { WallProblemsTop } from "./problems/wall-problems-top";
import { useWallFeed } from "./use-wall-feed";
import { PlaybackBar } from "./playback/playback-bar";
import { usePlayback } from "./playback/use-playback";
import { WallNotices } from "./wall-notices";
import { initialWallState, itemsByStage, stageName, wallHealth, wallReducer, type WallStage } from "./wall-state";

// What this wall reads of a snapshot (GET /api/v1/services/{id}/wall or getWallSnapshot):
// fields added to the snapshot for other walls pass through without touching this one.
export type WallSnapshotView = {
  service: { id: string; name: string; key?: string };
  stages: WallStage[];
  items: TWorkItem[];
  seq: number;
};

type Props = {
  snapshot: WallSnapshotView;
  // From the permission matrix on the server; the API enforces it again on every move.
  canMove: boolean;
  // The server's clock when the page rendered, so ages match between server and browser HTML.
  renderedAt: number;
  // Andon controls, from the same matrix the API checks (andon.pull / andon.release).
  canPullAndon?: boolean;
  canReleaseAndon?: boolean;
  // "New item", from the matrix (item.create); the API checks again.
  canCreateItem?: boolean;
  // ?at=<ISO time>: open on the wall as it was then (playback); null or absent: live.
  initialAt?: string | null;
};

function useNow(initial: number): number {
  const [now, setNow] = useState(initial);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const timer = setInterval(tick, 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

// A move waiting for a reason from the mover: an expedite past a WIP limit, or a rejection upstream.
type AskReason = { request: ReasonRequest; itemId: string; toStageId: string; busy: boolean };

export function ValueStreamWall({ snapshot, canMove: mayMove, renderedAt, canPullAndon: mayPull = false, canReleaseAndon: mayRelease = false, canCreateItem: mayCreate = false, initialAt = null }: Props) {
  const [state, dispatch] = useReducer(wallReducer, snapshot, (s) => initialWallState(s.stages, s.items, s.seq));
  const liveNow = useNow(renderedAt);
  const serviceId = snapshot.service.id;
  // Playback: while the bar is open the wall shows the past and offers no control at all (the
  // live state keeps following events underneath, so back to live is immediate).
  const playback = usePlayback(serviceId, initialAt);
  const inPast = playback.open;
  const shown = playback.past?.state ?? state;
  const now = playback.past?.at ?? liveNow;
  const canMove = mayMove && !inPast;
  const canPullAndon = mayPull && !inPast;
  const canReleaseAndon = mayRelease && !inPast;
  const canCreateItem = mayCreate && !inPast;

  const reload = useCallback(async () => {
    const res = await fetch(`/api/v1/services/${encodeURIComponent(serviceId)}/wall`, { credentials: "same-origin" });
    if (!res.ok) throw new Error(`snapshot ${res.status}`);
    const fresh = (await res.json()) as WallSnapshotView;
    dispatch({ type: "reset", stages: fresh.stages, items: fresh.items, seq: fresh.seq });
    return fresh.seq;
  }, [serviceId]);

  // Problems only the server sees (failing tests, waiting RfCs, NO-GO) are refetched on the events that change them.
  const refreshServerProblems = useServerProblems(serviceId, dispatch, state.serverProblems);
  const status = useWallFeed({
    serviceId,
    seq: snapshot.seq,
    onEvent: (event) => {
      dispatch({ type: "event", event });
      refreshServerProblems(event);
    },
    reload,
  });

  // The move callbacks read the latest state through a ref, so they keep one identity and the
  // (memoised) cards do not all re-render on every change of the wall.
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });
  const [ask, setAsk] = useState<AskReason | null>(null);

  const refuse = useCallback((itemId: string, toStageId: string, refusal: MoveRefusal) => {
    const s = stateRef.current;
    const item = s.items.find((i) => i.id === itemId) as BoardItem | undefined;
    const current = refusal.kind === "conflict" ? refusal.current : null;
    const message = refusalNotice(refusal, {
      title: item?.title ?? "The item",
      fromStage: item ? stageName(s, item.stageId) : "its stage",
      toStage: stageName(s, toStageId),
      itemAndon: !!item?.andon,
      stageName: (id) => stageName(s, id),
    });
    dispatch({ type: "move.failed", itemId, current, message });
  }, []);

  /** Sends a move (or, with `reject`, a rejection upstream) whose optimistic move.start is already on screen. */
  const send = useCallback(
    async (itemId: string, toStageId: string, reason: { expedite: string } | { reject: string } | null) => {
      const item = stateRef.current.items.find((i) => i.id === itemId);
      if (!item) return;
      const rejecting = reason !== null && "reject" in reason;
      try {
        const res = await fetch(`/api/v1/items/${encodeURIComponent(itemId)}/${rejecting ? "reject" : "move"}`, {
          method: "POST",
          credentials: "same-origin",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(
            rejecting
              ? { toStageId, expectedVersion: item.version, reason: reason.reject }
              : { toStageId, expectedVersion: item.version, ...(reason ? { expedite: { reason: reason.expedite } } : {}) },
          ),
        });
        const body: unknown = await res.json().catch(() => null);
        if (res.ok) {
          setAsk(null);
          dispatch({ type: "move.confirmed", item: body as TWorkItem });
          return;
        }
        const refusal = readRefusal(res.status, body as ErrorBody | null);
        if (refusal.kind === "wip" && reason === null) {
          // Over the WIP limit: the card waits in the target while the mover decides.
          setAsk({
            request: {
              kind: "expedite",
              itemTitle: item.title,
              stageName: stageName(stateRef.current, toStageId),
              count: refusal.count,
              limit: refusal.limit,
            },
            itemId,
            toStageId,
            busy: false,
          });
          return;
        }
        setAsk(null);
        refuse(itemId, toStageId, refusal);
      } catch {
        setAsk(null);
        dispatch({
          type: "move.failed",
          itemId,
          current: null,
          message: `“${item.title}” could not be moved: the server did not answer. Your move was undone.`,
        });
      }
    },
    [refuse],
  );

  const moveItem = useCallback(
    (itemId: string, toStageId: string) => {
      const s = stateRef.current;
      const item = s.items.find((i) => i.id === itemId);
      if (!item || s.pending[itemId] || item.stageId === toStageId) return;
      const from = s.stages.find((st) => st.id === item.stageId);
      const to = s.stages.find((st) => st.id === toStageId);
      if (!to) return;
      // The same rule as the server's (one stage at a time downstream): a drop further on is
      // refused here, before any request, with the stages it would pass by.
      const skip = skipNotice(s.stages, item, to);
      if (skip) {
        dispatch({ type: "notice.add", tone: "error", text: skip });
        return;
      }
      dispatch({ type: "move.start", itemId, toStageId });
      if (from && to.position < from.position) {
        // Upstream is a rejection (the rules of flow): it needs the defect found first.
        setAsk({
          request: { kind: "send-back", itemTitle: item.title, fromStageName: from.name, stageName: to.name },
          itemId,
          toStageId,
          busy: false,
        });
        return;
      }
      void send(itemId, toStageId, null);
    },
    [send],
  );

  const confirmAsk = useCallback(
    (reason: string) => {
      if (!ask) return;
      setAsk({ ...ask, busy: true });
      void send(ask.itemId, ask.toStageId, ask.request.kind === "expedite" ? { expedite: reason } : { reject: reason });
    },
    [ask, send],
  );

  // Cancel puts the card back where it was; the notice says so, as for any move that did not happen.
  const cancelAsk = useCallback(() => {
    if (!ask) return;
    setAsk(null);
    const s = stateRef.current;
    const item = s.items.find((i) => i.id === ask.itemId);
    dispatch({
      type: "move.failed",
      itemId: ask.itemId,
      current: null,
      message: `Move cancelled: “${item?.title ?? "the item"}” stays in ${item ? stageName(s, item.stageId) : "its stage"}.`,
    });
  }, [ask]);

  const [laneMode, setLaneMode] = useLaneMode();
  // A phone shows one stage at a time, without lanes (a lane label beside a full-width column
  // leaves no room for cards).
  const phone = useIsPhone();

  const columns = useMemo(() => itemsByStage(shown), [shown]);
  // The stage a phone shows: the first with cards at load (the same on the server and in the
  // browser, so the HTML already shows it), then the person's choice; a stage that went away
  // falls back to the first.
  const [chosenStageId, setChosenStageId] = useState<string | null>(() => firstStageWithItems(shown.stages, columns));
  const phoneStageId = shown.stages.some((s) => s.id === chosenStageId) ? chosenStageId! : (shown.stages[0]?.id ?? "");
  // A stage chosen in the problem strip: on a phone it becomes the stage shown; then its heading takes the focus.
  const selectStage = useCallback((stageId: string) => {
    setChosenStageId(stageId);
    requestAnimationFrame(() => focusStage(stageId));
  }, []);
  const pendingIds = useMemo(() => new Set(Object.keys(shown.pending)), [shown.pending]);
  // Visual control: every stage's problems from this state, so headers change with each event.
  const health = useMemo(() => wallHealth(shown, now, columns), [shown, now, columns]);

  return (
    // (Not re-indented inside the provider, so edits by others to the lines below still apply.)
    <WallProblemsProvider serviceId={serviceId} serviceKey={snapshot.service.key} health={health} canPullAndon={canPullAndon} canReleaseAndon={canReleaseAndon}>
    {/* The screen less the site header (h-14) and the service's tab bar (h-11). Everything above
        the board is kept short, so the cards get most of the screen on a laptop and a phone. */}
    <div className="flex h-[calc(100dvh-6.25rem)] flex-col">
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 px-4 py-2 sm:px-6">
        <div className="min-w-0">
          <h1 className="truncate text-xl font-bold sm:text-3xl">{snapshot.service.name}</h1>
          <p className="text-sm text-slate-600 sm:text-base dark:text-slate-400">
            Value stream · {shown.items.length} {shown.items.length === 1 ? "item" : "items"}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {canCreateItem && <NewItemButton serviceId={serviceId} stages={state.stages} />}
          {!inPast && (
            <button
              type="button"
              onClick={playback.start}
              className="rounded-full bg-white px-3 py-1 text-base font-medium shadow-sm ring-1 ring-slate-200 hover:bg-slate-100 max-sm:px-2 max-sm:text-sm focus-visible:outline-2 focus-visible:outline-sky-500 dark:bg-slate-800 dark:ring-slate-700"
            >
              Playback
            </button>
          )}
          <div className="max-sm:hidden">
            <LanesToggle mode={laneMode} onChange={setLaneMode} />
          </div>
          <Presence serviceId={serviceId} />
          <ConnectionStatus status={status} />
        </div>
      </div>
      {inPast && <PlaybackBar playback={playback} />}
      <WallNotices notices={state.notices} onDismiss={(id) => dispatch({ type: "notice.dismiss", id })} />
      <WallProblemsTop now={now} onSelectStage={selectStage} />
      {!inPast && <FeedbackLoop feedback={state.feedback} stageName={(id) => stageName(state, id)} serviceKey={snapshot.service.key} now={now} />}
      {shown.stages.length === 0 ? (
        <div className="m-6 rounded-xl border border-dashed border-slate-300 p-10 text-center text-lg dark:border-slate-700">
          This service has no stages yet. A Service Master or Process Master can set up its value stream.
        </div>
      ) : (
        <WallBoard
          stages={shown.stages}
          columns={columns}
          pendingIds={pendingIds}
          now={now}
          canMove={canMove}
          laneMode={phone ? "none" : laneMode}
          onMove={moveItem}
          phoneStageId={phoneStageId}
          onPhoneStageChange={setChosenStageId}
          phone={phone}
        />
      )}
      {!inPast && <ItemDrawer seq={state.seq} />}
      {ask && <MoveReasonDialog request={ask.request} busy={ask.busy} onConfirm={confirmAsk} onCancel={cancelAsk} />}
    </div>
    </WallProblemsProvider>
  );
}
