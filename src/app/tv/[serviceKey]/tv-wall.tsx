"use client";

import { useEffect, useState } from "react";
import { io } from "socket.io-client";
import type { TWorkItem } from "@/lib/schemas/item";
import { SOCKET_PATH } from "@/lib/realtime/protocol";
import { WallFeed, type WallFeedStatus, type WallSocket } from "@/lib/realtime/wall-feed";
import { applyWallEvent } from "@/lib/realtime/wall-state";

export type TvSnapshot = {
  service: { id: string; key: string; name: string };
  stages: { id: string; key: string; name: string; wipLimit: number | null }[];
  items: TWorkItem[];
  seq: number;
};

const STATUS_TEXT: Record<WallFeedStatus, string> = {
  connecting: "Connecting…",
  joining: "Catching up…",
  live: "Live",
  reconnecting: "Reconnecting…",
  reload: "Reloading…",
  refused: "Disconnected: this display's token was revoked or is no longer valid",
  disconnected: "Disconnected",
  stopped: "Stopped",
};

/** A read-only, live wall for an office TV: columns and cards, no control of any kind. */
export function TvWall({ snapshot, token }: { snapshot: TvSnapshot; token: string }) {
  const [state, setState] = useState(snapshot);
  const [status, setStatus] = useState<WallFeedStatus>("connecting");
  const serviceId = snapshot.service.id;

  useEffect(() => {
    // The token, not a cookie, authenticates this socket (the hub reads handshake.auth.token).
    const socket: WallSocket = io({ path: SOCKET_PATH, auth: { token }, withCredentials: false, autoConnect: false });
    const feed: WallFeed = new WallFeed({
      socket,
      serviceId,
      seq: snapshot.seq,
      onEvent: (event) => setState((s) => applyWallEvent(s, event)),
      onStatus: setStatus,
      onReload: () => {
        fetch(`/api/v1/services/${encodeURIComponent(serviceId)}/wall`, { headers: { authorization: `Bearer ${token}` }, credentials: "omit" })
          .then(async (res) => {
            if (!res.ok) throw new Error(`snapshot ${res.status}`);
            const fresh = (await res.json()) as TvSnapshot;
            setState((s) => ({ ...s, items: fresh.items, seq: fresh.seq }));
            feed.resync(fresh.seq);
          })
          .catch(() => setStatus("refused"));
      },
    });
    feed.start();
    return () => {
      feed.stop();
      socket.disconnect();
    };
    // The first snapshot's seq starts the feed; later progress is the feed's own.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [serviceId, token]);

  return (
    <main className="flex h-[calc(100vh-3.5rem)] flex-col" data-testid="tv-wall">
      <div className="flex items-baseline justify-between gap-4 px-6 py-3">
        <h1 className="text-3xl font-bold">{state.service.name}</h1>
        <p
          role="status"
          data-testid="tv-status"
          data-status={status}
          className={status === "live" ? "text-emerald-700 dark:text-emerald-400" : status === "refused" ? "font-semibold text-red-700 dark:text-red-400" : "text-slate-600"}
        >
          {STATUS_TEXT[status]}
        </p>
      </div>
      <ol className="flex min-h-0 flex-1 gap-3 overflow-x-auto px-6 pb-4" aria-label="Value stream, stages left to right">
        {state.stages.map((stage) => {
          const items = state.items.filter((i) => i.stageId === stage.id);
          return (
            <li
              key={stage.id}
              className="flex w-64 shrink-0 flex-col rounded-lg bg-slate-200/70 dark:bg-slate-900"
              data-testid="tv-column"
              data-stage-key={stage.key}
            >
              <h2 className="flex items-baseline justify-between px-3 py-2 text-lg font-semibold">
                <span>{stage.name}</span>
                <span className="text-sm font-normal text-slate-600 dark:text-slate-400">
                  {items.length}
                  {stage.wipLimit !== null && ` / ${stage.wipLimit}`}
                </span>
              </h2>
              <ul className="flex flex-1 flex-col gap-2 overflow-y-auto px-3 pb-3" aria-label={`Items in ${stage.name}`}>
                {items.map((item) => (
                  <li key={item.id} className="rounded-md bg-white p-2 text-base shadow-sm dark:bg-slate-800" data-testid="tv-card">
                    {item.title}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </main>
  );
}
