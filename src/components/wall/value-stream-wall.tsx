"use client";

import { useCallback, useEffect, useMemo, useReducer, useState } from "react";
import type { ErrorBody } from "@/lib/errors";
import type { TWorkItem } from "@/lib/schemas/item";
import { ConnectionStatus } from "./connection-status";
import { Presence } from "./presence";
import { StageColumn } from "./stage-column";
import { useWallFeed } from "./use-wall-feed";
import { WallNotices } from "./wall-notices";
import { initialWallState, itemsByStage, stageName, wallReducer, type WallStage, type WallState } from "./wall-state";

// What this wall reads of a snapshot (GET /api/v1/services/{id}/wall or getWallSnapshot):
// fields added to the snapshot for other walls pass through without touching this one.
export type WallSnapshotView = {
  service: { id: string; name: string };
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

function failureMessage(state: WallState, item: TWorkItem, status: number, body: ErrorBody | null): string {
  const title = `“${item.title}”`;
  const current = (body?.error.details as { current?: TWorkItem | null } | undefined)?.current;
  if (status === 409 && current) {
    return `${title} was moved by someone else before your move: it is now in ${stageName(state, current.stageId)}. Your move was not applied.`;
  }
  if (status === 409) return `${title} changed before your move. Your move was not applied.`;
  if (status === 401) return "Your session has ended. Sign in again to move items.";
  if (status === 403) return `You may not move ${title}: ${body?.error.message ?? "not allowed."}`;
  if (status === 404) return `${title} no longer exists.`;
  if (status === 422) return `${title} cannot move there: ${body?.error.message ?? "a rule forbids it."}`;
  return `${title} could not be moved (${body?.error.message ?? `error ${status}`}). Your move was undone.`;
}

export function ValueStreamWall({ snapshot, canMove, renderedAt }: Props) {
  const [state, dispatch] = useReducer(wallReducer, snapshot, (s) => initialWallState(s.stages, s.items, s.seq));
  const now = useNow(renderedAt);
  const serviceId = snapshot.service.id;

  const reload = useCallback(async () => {
    const res = await fetch(`/api/v1/services/${encodeURIComponent(serviceId)}/wall`, { credentials: "same-origin" });
    if (!res.ok) throw new Error(`snapshot ${res.status}`);
    const fresh = (await res.json()) as WallSnapshotView;
    dispatch({ type: "reset", stages: fresh.stages, items: fresh.items, seq: fresh.seq });
    return fresh.seq;
  }, [serviceId]);

  const status = useWallFeed({
    serviceId,
    seq: snapshot.seq,
    onEvent: (event) => dispatch({ type: "event", event }),
    reload,
  });

  const moveItem = useCallback(
    async (itemId: string, toStageId: string) => {
      const item = state.items.find((i) => i.id === itemId);
      if (!item || state.pending[itemId]) return;
      dispatch({ type: "move.start", itemId, toStageId });
      try {
        const res = await fetch(`/api/v1/items/${encodeURIComponent(itemId)}/move`, {
          method: "POST",
          credentials: "same-origin",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ toStageId, expectedVersion: item.version }),
        });
        const body: unknown = await res.json().catch(() => null);
        if (res.ok) {
          dispatch({ type: "move.confirmed", item: body as TWorkItem });
          return;
        }
        const error = body as ErrorBody | null;
        const current = (error?.error.details as { current?: TWorkItem | null } | undefined)?.current ?? null;
        dispatch({ type: "move.failed", itemId, current, message: failureMessage(state, item, res.status, error) });
      } catch {
        dispatch({
          type: "move.failed",
          itemId,
          current: null,
          message: `“${item.title}” could not be moved: the server did not answer. Your move was undone.`,
        });
      }
    },
    [state],
  );

  const columns = useMemo(() => itemsByStage(state), [state]);
  const pendingIds = useMemo(() => new Set(Object.keys(state.pending)), [state.pending]);

  return (
    <div className="flex h-[calc(100vh-3.5rem)] flex-col">
      <div className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <div className="min-w-0">
          <h1 className="truncate text-2xl font-bold sm:text-3xl">{snapshot.service.name}</h1>
          <p className="text-base text-slate-600 dark:text-slate-400">
            Value stream · {state.items.length} {state.items.length === 1 ? "item" : "items"}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Presence serviceId={serviceId} />
          <ConnectionStatus status={status} />
        </div>
      </div>
      <WallNotices notices={state.notices} onDismiss={(id) => dispatch({ type: "notice.dismiss", id })} />
      {state.stages.length === 0 ? (
        <div className="m-6 rounded-xl border border-dashed border-slate-300 p-10 text-center text-lg dark:border-slate-700">
          This service has no stages yet. A Service Master or Process Master can set up its value stream.
        </div>
      ) : (
        <div
          className="flex min-h-0 flex-1 items-stretch gap-3 overflow-x-auto px-4 pb-4 sm:px-6"
          role="region"
          aria-label="Value stream, stages left to right"
          tabIndex={0}
        >
          {state.stages.map((stage) => (
            <StageColumn
              key={stage.id}
              stage={stage}
              items={columns.get(stage.id) ?? []}
              stages={state.stages}
              pendingIds={pendingIds}
              now={now}
              canMove={canMove}
              onMove={moveItem}
            />
          ))}
        </div>
      )}
    </div>
  );
}
