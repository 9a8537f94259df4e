"use client";

import type { TOpenAndon } from "@/lib/schemas/wall";

// Jidoka: while an andon is pulled, the whole wall says where the line stopped, why, who pulled
// it and when, in the loudest colour on the page. Nothing when every line runs.

/** "just now", "5 min ago", "3 h ago", "2 d ago": how long the line has been stopped. */
export function sinceText(pulledAt: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(pulledAt)) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

type Props = {
  andons: readonly TOpenAndon[];
  stageName: (stageId: string) => string;
  now: number;
  /** Absent: no Release button (TV mode, or a person the matrix does not allow). */
  onRelease?: (andon: TOpenAndon) => void;
  /**
   * The live wall's banner: one line per andon (two on a phone), the reason cut with an ellipsis
   * (in full in its tooltip, the stage header and the problem strip), so the cards keep the
   * screen. The TV, read from across a room, keeps the large type.
   */
  compact?: boolean;
};

export function AndonBanner({ andons, stageName, now, onRelease, compact = false }: Props) {
  if (andons.length === 0) return null;
  return (
    <div
      role="alert"
      data-testid="andon-banner"
      data-andons={andons.length}
      className={`mx-4 flex flex-col sm:mx-6 ${compact ? "mb-2 max-h-[30dvh] gap-1 overflow-y-auto" : "mb-3 gap-2"}`}
    >
      {andons.map((a) => {
        const at = new Date(a.pulledAt);
        const line = `Line stopped at ${stageName(a.stageId)}: ${a.reason}`;
        return (
          <div
            key={a.id}
            data-andon-id={a.id}
            className={`flex items-center justify-between rounded-xl border-red-900 bg-red-700 text-white shadow-lg ${
              compact ? "gap-2 border-2 px-3 py-1.5" : "flex-wrap gap-3 border-4 px-5 py-3"
            }`}
          >
            <p
              title={compact ? line : undefined}
              className={
                compact
                  ? "line-clamp-2 min-w-0 text-base leading-snug font-bold break-words sm:line-clamp-1 sm:text-lg"
                  : "min-w-0 text-xl leading-snug font-bold break-words sm:text-2xl"
              }
            >
              <span
                className={`mr-2 rounded bg-white px-2 font-extrabold tracking-wide text-red-800 uppercase align-middle ${compact ? "py-0 text-sm" : "py-0.5 text-base"}`}
              >
                Andon
              </span>
              {line}
              <span className={`text-base font-medium text-red-50 ${compact ? "" : "block sm:inline"}`}>
                {" "}— pulled by {a.pulledByName ?? "a team member"}{" "}
                <time dateTime={a.pulledAt} title={at.toUTCString()}>
                  {sinceText(a.pulledAt, now)}
                </time>
              </span>
            </p>
            {onRelease && (
              <button
                type="button"
                onClick={() => onRelease(a)}
                className={`shrink-0 rounded-lg bg-white font-bold text-red-800 hover:bg-red-50 focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-white ${
                  compact ? "px-3 py-1 text-base" : "px-4 py-2 text-base"
                }`}
              >
                Release<span className="sr-only"> the andon on {stageName(a.stageId)}</span>
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}
