"use client";

import type { WallFeedStatus } from "@/lib/realtime/wall-feed";

/**
 * The TV's value-stream walls tell the service's other pages (Kaizen, daily) that something
 * happened, so those read their data again: one socket per service, not one per page. The event
 * is named by the service id; `detail` is the event type ("reload" after a fresh snapshot).
 */
export type TvBus = EventTarget;

export const STATUS_TEXT: Record<WallFeedStatus, string> = {
  connecting: "Connecting…",
  joining: "Catching up…",
  live: "Live",
  reconnecting: "Reconnecting…",
  reload: "Reloading…",
  refused: "Disconnected: this display's token was revoked or is no longer valid",
  disconnected: "Disconnected",
  stopped: "Stopped",
};

/** The header of every TV page: the service (and which wall, beside the value stream), and whether it is live. */
export function TvHeader({ title, status }: { title: string; status: WallFeedStatus }) {
  return (
    <header className="flex items-center justify-between gap-6 px-4 py-2">
      <h1 className="truncate text-4xl leading-tight font-bold">{title}</h1>
      <p
        role="status"
        data-testid="tv-status"
        data-status={status}
        className={`shrink-0 text-xl font-semibold ${status === "live" ? "text-emerald-800 dark:text-emerald-300" : status === "refused" ? "text-red-700" : "animate-pulse text-amber-800"}`}
      >
        <span aria-hidden="true" className={`mr-2 inline-block size-[0.8em] rounded-full ${status === "live" ? "bg-emerald-600" : status === "refused" ? "bg-red-600" : "bg-amber-500"}`} />
        {STATUS_TEXT[status]}
      </p>
    </header>
  );
}
