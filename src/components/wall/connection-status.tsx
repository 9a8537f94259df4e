import type { WallFeedStatus } from "@/lib/realtime/wall-feed";

const LOOK: Record<WallFeedStatus, { label: string; dot: string }> = {
  connecting: { label: "Connecting…", dot: "bg-slate-400" },
  joining: { label: "Connecting…", dot: "bg-slate-400" },
  live: { label: "Live", dot: "bg-emerald-500" },
  reconnecting: { label: "Reconnecting…", dot: "bg-amber-500 animate-pulse" },
  reload: { label: "Reloading…", dot: "bg-amber-500 animate-pulse" },
  refused: { label: "Offline: sign in again", dot: "bg-red-600" },
  disconnected: { label: "Offline", dot: "bg-red-600" },
  stopped: { label: "Offline", dot: "bg-slate-400" },
};

export function ConnectionStatus({ status }: { status: WallFeedStatus }) {
  const look = LOOK[status];
  return (
    <p
      role="status"
      data-testid="connection-status"
      data-status={status}
      className="flex items-center gap-2 rounded-full bg-white px-3 py-1 text-base font-medium shadow-sm max-sm:px-2 max-sm:text-sm dark:bg-slate-800"
    >
      <span aria-hidden="true" className={`inline-block size-3 rounded-full ${look.dot}`} />
      {look.label}
    </p>
  );
}
