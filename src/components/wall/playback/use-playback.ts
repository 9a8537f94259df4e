"use client";

// Wall playback in the browser: the wall at a past moment (GET …/playback?at=), then, while
// playing, the events after it applied one by one with the live wall's own reducer, so what
// plays is what a live wall would have shown. Only reads: the wall shows no control meanwhile.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ObeyaEvent } from "@/lib/events";
import type { TWallPlayback } from "@/lib/schemas/playback";
import { initialWallState, wallReducer, type WallState } from "../wall-state";

export type PastWall = {
  state: WallState;
  /** the moment shown (epoch ms) */
  at: number;
  /** the slider's ends: the service's first event and the server's now when last asked */
  from: number;
  to: number;
  /** events already shown, oldest first (the list under the slider shows the last few) */
  replayed: ObeyaEvent[];
  /** events after the moment, still to play */
  upcoming: ObeyaEvent[];
};

export const SPEEDS = [
  { value: 60, label: "1 s = 1 min" },
  { value: 3_600, label: "1 s = 1 h" },
  { value: 86_400, label: "1 s = 1 day" },
] as const;

const TICK_MS = 250;
const KEEP_REPLAYED = 50;

/** Writes ?at= (or removes it) without a navigation: the link to this moment is the address. */
function setAtParam(at: number | null) {
  const url = new URL(window.location.href);
  if (at === null) url.searchParams.delete("at");
  else url.searchParams.set("at", new Date(at).toISOString());
  window.history.replaceState(window.history.state, "", url);
}

export function usePlayback(serviceId: string, initialAt: string | null) {
  const [past, setPast] = useState<PastWall | null>(null);
  const [open, setOpen] = useState(initialAt !== null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(SPEEDS[1].value);
  const [error, setError] = useState<string | null>(null);
  // The moment asked for last: an older answer arriving late never replaces it.
  const asked = useRef(0);
  const pastRef = useRef(past);
  useEffect(() => {
    pastRef.current = past;
  });

  const load = useCallback(
    async (at: number) => {
      const ticket = ++asked.current;
      setAtParam(at);
      try {
        const res = await fetch(`/api/v1/services/${encodeURIComponent(serviceId)}/playback?at=${encodeURIComponent(new Date(at).toISOString())}`, {
          credentials: "same-origin",
        });
        if (!res.ok) throw new Error(`playback ${res.status}`);
        const body = (await res.json()) as TWallPlayback;
        if (ticket !== asked.current) return;
        setError(null);
        setPast({
          state: initialWallState(body.stages, body.items, body.seq),
          at: Date.parse(body.at),
          from: Date.parse(body.from),
          to: Date.parse(body.to),
          replayed: body.recent as ObeyaEvent[],
          upcoming: body.upcoming as ObeyaEvent[],
        });
      } catch {
        if (ticket === asked.current) setError("The wall at that moment could not be loaded. Try again.");
      }
    },
    [serviceId],
  );

  // Opened with ?at=: fetched once the page is up (a timer, so a development double mount asks once).
  useEffect(() => {
    if (initialAt === null) return;
    const t = setTimeout(() => void load(Date.parse(initialAt)), 0);
    return () => clearTimeout(t);
  }, [initialAt, load]);

  /** The slider moved: show the moment at once, fetch its wall after a short pause in the scrubbing. */
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scrub = useCallback(
    (at: number) => {
      setPlaying(false);
      setPast((p) => (p ? { ...p, at } : p));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void load(at), 150);
    },
    [load],
  );

  const live = useCallback(() => {
    asked.current++;
    setPlaying(false);
    setPast(null);
    setOpen(false);
    setAtParam(null);
  }, []);

  // Playing: the clock runs at the chosen speed and each event whose time has come is applied.
  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => {
      const p = pastRef.current;
      if (!p) return;
      const at = Math.min(p.to, p.at + (speed * TICK_MS));
      let state = p.state;
      let n = 0;
      while (n < p.upcoming.length && Date.parse(p.upcoming[n]!.createdAt) <= at) {
        state = wallReducer(state, { type: "event", event: p.upcoming[n]! });
        n++;
      }
      const upcoming = p.upcoming.slice(n);
      const replayed = [...p.replayed, ...p.upcoming.slice(0, n)].slice(-KEEP_REPLAYED);
      setPast({ ...p, state, at, replayed, upcoming });
      setAtParam(at);
      if (at >= p.to) setPlaying(false);
      // The events fetched ran out before the end: fetch the wall and the next ones from here.
      else if (upcoming.length === 0 && n > 0) void load(at);
    }, TICK_MS);
    return () => clearInterval(id);
  }, [playing, speed, load]);

  const start = useCallback(() => {
    setOpen(true);
    // The first look goes back an hour, or to the first event of a younger service.
    void load(Date.now() - 3_600_000);
  }, [load]);

  return { open, past, playing, setPlaying, speed, setSpeed, error, scrub, live, start };
}

export type Playback = ReturnType<typeof usePlayback>;
