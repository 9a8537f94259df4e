"use client";

import { useId, useMemo } from "react";
import { describeEvent } from "@/domain/daily";
import { SPEEDS, type PastWall, type Playback } from "./use-playback";

const TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const formatAt = (ms: number) => `${TIME.format(new Date(ms))} UTC`;

/** The last events shown, newest first, in the words of the daily view. */
function EventList({ past }: { past: PastWall }) {
  const lines = useMemo(() => {
    const ctx = {
      stages: past.state.stages,
      items: new Map(past.state.items.map((i) => [i.id, { title: i.title, stageId: i.stageId }])),
    };
    return past.replayed
      .slice(-6)
      .reverse()
      .map((e) => ({ seq: e.seq, at: e.createdAt, text: describeEvent(e.type, e.payload, ctx) }));
  }, [past]);
  if (lines.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No event yet at this moment.</p>;
  return (
    <ol aria-label="Events up to this moment, newest first" tabIndex={0} className="max-h-24 overflow-y-auto text-sm" data-testid="playback-events">
      {lines.map((l) => (
        <li key={l.seq} className="truncate">
          <time dateTime={l.at} className="text-slate-600 tabular-nums dark:text-slate-400">
            {TIME.format(new Date(l.at))}
          </time>{" "}
          {l.text}
        </li>
      ))}
    </ol>
  );
}

/**
 * Above the board while the wall shows the past: the moment (a slider from the first event to
 * now), play/pause at a chosen speed, the events as they replay, and one click back to live.
 */
export function PlaybackBar({ playback }: { playback: Playback }) {
  const { past, playing, setPlaying, speed, setSpeed, error, scrub, live } = playback;
  const sliderId = useId();
  const speedId = useId();
  return (
    <section
      aria-label="Wall playback"
      data-testid="playback-bar"
      className="mx-4 mb-2 rounded-lg border-2 border-violet-600 bg-violet-50 px-3 py-2 sm:mx-6 dark:border-violet-400 dark:bg-violet-950"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <p className="font-semibold text-violet-900 dark:text-violet-100" role="status" data-testid="playback-moment">
          {past ? `The wall as it was on ${formatAt(past.at)} — read only` : "Loading the wall as it was…"}
        </p>
        <button
          type="button"
          onClick={live}
          className="ml-auto rounded-full bg-violet-700 px-4 py-1 font-medium text-white hover:bg-violet-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500"
        >
          Back to live
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {past && (
        <>
          <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
            <button
              type="button"
              onClick={() => setPlaying(!playing)}
              disabled={past.at >= past.to}
              className="rounded-full bg-white px-3 py-1 font-medium shadow-sm ring-1 ring-violet-300 hover:bg-violet-100 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-50 dark:bg-slate-800 dark:ring-violet-700"
            >
              {playing ? "Pause" : "Play"}
            </button>
            <label htmlFor={speedId} className="text-sm font-medium">
              Speed
            </label>
            <select
              id={speedId}
              value={speed}
              onChange={(e) => setSpeed(Number(e.target.value))}
              className="rounded border border-violet-300 bg-white px-2 py-1 text-sm dark:border-violet-700 dark:bg-slate-800"
            >
              {SPEEDS.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
            <label htmlFor={sliderId} className="sr-only">
              Moment shown
            </label>
            <input
              id={sliderId}
              type="range"
              min={past.from}
              max={past.to}
              step={1000}
              value={Math.min(past.to, Math.max(past.from, past.at))}
              aria-valuetext={formatAt(past.at)}
              onChange={(e) => scrub(Number(e.target.value))}
              className="min-w-48 flex-1 accent-violet-700"
              data-testid="playback-slider"
            />
          </div>
          <EventList past={past} />
        </>
      )}
    </section>
  );
}
