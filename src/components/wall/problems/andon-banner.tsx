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
};

export function AndonBanner({ andons, stageName, now, onRelease }: Props) {
  if (andons.length === 0) return null;
  return (
    <div role="alert" data-testid="andon-banner" data-andons={andons.length} className="mx-4 mb-3 flex flex-col gap-2 sm:mx-6">
      {andons.map((a) => {
        const at = new Date(a.pulledAt);
        return (
          <div
            key={a.id}
            data-andon-id={a.id}
            className="flex flex-wrap items-center justify-between gap-3 rounded-xl border-4 border-red-900 bg-red-700 px-5 py-3 text-white shadow-lg"
          >
            <p className="min-w-0 text-xl leading-snug font-bold break-words sm:text-2xl">
              <span className="mr-2 rounded bg-white px-2 py-0.5 text-base font-extrabold tracking-wide text-red-800 uppercase align-middle">Andon</span>
              Line stopped at {stageName(a.stageId)}: {a.reason}
              <span className="block text-base font-medium text-red-50 sm:inline">
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
                className="shrink-0 rounded-lg bg-white px-4 py-2 text-base font-bold text-red-800 hover:bg-red-50 focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-white"
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
