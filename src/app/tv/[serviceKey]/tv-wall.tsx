"use client";

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { io } from "socket.io-client";
import { AndonBanner } from "@/components/wall/problems/andon-banner";
import { StageHeader, stageColumnAlarm } from "@/components/wall/problems/stage-header";
import { tvCardOrder } from "@/components/tv/card-order";
import { useFitWords } from "@/components/tv/fit-words";
import { formatAge, initialWallState, itemsByStage, needsServerProblems, stageName, wallHealth, wallReducer, type WallStageInput } from "@/components/wall/wall-state";
import { LIVE_SOCKET_OPTIONS } from "@/lib/realtime/client-options";
import { WallFeed, type WallFeedStatus, type WallSocket } from "@/lib/realtime/wall-feed";
import type { TWallItem } from "@/lib/schemas/item";
import type { TKaizenWall } from "@/lib/schemas/kaizen";
import type { TDailyView } from "@/lib/schemas/portfolio";
import { andonPage, TV_WALL_LABELS, tvPages, type TvWallKind } from "@/components/tv/tv-pages";
import { TvHeader, type TvBus } from "@/components/tv/tv-header";
import { TvDaily, TvKaizen } from "./tv-panels";

/** What the TV reads of a wall snapshot (the page's or GET /api/v1/services/{id}/wall). */
export type TvSnapshot = { service: { id: string; key: string; name: string }; stages: WallStageInput[]; items: TWallItem[]; seq: number };
/** One service of the TV: its value-stream snapshot (always: its socket keeps every page of the service live), and the Kaizen wall and daily view when the link asks for them. */
export type TvWallInput = { token: string; snapshot: TvSnapshot; kaizen?: TKaizenWall; daily?: TDailyView };



// How long the red andon flash covers the screen.
const FLASH_MS = 6_000;
// Cards per column that fit a 1080p screen; the rest are counted.
const CARDS_SHOWN = 7;
const MAX_BACKOFF_MS = 30_000;


type Flash = { key: number; text: string; wallIndex: number };

/** Three short beeps through Web Audio (no sound file to load; works offline). */
function beep(ctx: AudioContext): void {
  const t0 = ctx.currentTime + 0.02;
  for (let i = 0; i < 3; i++) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "square";
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, t0 + i * 0.35);
    gain.gain.exponentialRampToValueAtTime(0.25, t0 + i * 0.35 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + i * 0.35 + 0.25);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0 + i * 0.35);
    osc.stop(t0 + i * 0.35 + 0.26);
  }
}

/**
 * Browsers start audio only after a person interacted with the page: until then a small hint
 * asks for one click (or key) anywhere. The TV then beeps on every andon pull.
 */
function useAndonSound(enabled: boolean) {
  const ctx = useRef<AudioContext | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    const unlock = () => {
      const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
      if (!Ctor) return;
      ctx.current ??= new Ctor();
      void ctx.current.resume().then(() => setReady(ctx.current?.state === "running"));
    };
    window.addEventListener("pointerdown", unlock);
    window.addEventListener("keydown", unlock);
    return () => {
      window.removeEventListener("pointerdown", unlock);
      window.removeEventListener("keydown", unlock);
    };
  }, [enabled]);
  const play = useCallback(() => {
    if (ctx.current?.state === "running") beep(ctx.current);
  }, []);
  return { ready, play };
}

/** The office TV: one or several walls (rotating), read-only, live, recovering by itself. */
export function TvScreen({
  walls,
  kinds = ["value-stream"],
  rotateSeconds,
  sound,
}: {
  walls: TvWallInput[];
  kinds?: TvWallKind[];
  rotateSeconds: number | null;
  sound: boolean;
}) {
  const [current, setCurrent] = useState(0);
  const [flash, setFlash] = useState<Flash | null>(null);
  const [rotationKey, setRotationKey] = useState(0);
  const [statuses, setStatuses] = useState<WallFeedStatus[]>(() => walls.map(() => "connecting"));
  const [bus] = useState<TvBus>(() => new EventTarget());
  const audio = useAndonSound(sound);
  const pages = useMemo(() => tvPages(walls.length, kinds), [walls.length, kinds]);
  const page = pages[current] ?? pages[0]!;

  // Rotation: the next page every N seconds; an andon jumps to its wall and restarts the count.
  useEffect(() => {
    if (!rotateSeconds || pages.length < 2) return;
    const timer = setInterval(() => setCurrent((c) => (c + 1) % pages.length), rotateSeconds * 1000);
    return () => clearInterval(timer);
  }, [rotateSeconds, pages.length, rotationKey]);

  const onStatus = useCallback((wallIndex: number, status: WallFeedStatus) => {
    setStatuses((list) => (list[wallIndex] === status ? list : list.map((s, i) => (i === wallIndex ? status : s))));
  }, []);

  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flash]);

  const { play } = audio;
  const onAndon = useCallback(
    (wallIndex: number, text: string) => {
      setCurrent(andonPage(pages, wallIndex));
      setRotationKey((k) => k + 1);
      setFlash({ key: Date.now(), text, wallIndex });
      play();
    },
    [play, pages],
  );

  return (
    <div className="fixed inset-0 z-50 flex flex-col overflow-hidden bg-slate-100 text-slate-900 dark:bg-slate-950 dark:text-slate-100" data-testid="tv-screen">
      {/* Readable from 4 m on a 1080p TV: every rem on this page (the wall's own components
          included) grows with the screen, 1rem = 19 px at 1920 px wide (12.8 px at 1280: eleven
          columns of 16 px type left titles two words long there). A kiosk: the site's header
          (its home link) is neither shown nor reachable behind the wall. */}
      <style>{"html{font-size:clamp(12px,1vw,40px)}body>header{display:none}"}</style>
      {walls.map((w, i) => (
        <TvWall
          key={w.snapshot.service.id}
          input={w}
          index={i}
          hidden={page.wall !== i || page.kind !== "value-stream"}
          onAndon={onAndon}
          onStatus={onStatus}
          bus={bus}
        />
      ))}
      {walls.map((w, i) => (
        <TvServicePages key={w.snapshot.service.id} input={w} kinds={kinds} shown={page.wall === i ? page.kind : null} status={statuses[i] ?? "connecting"} bus={bus} />
      ))}
      {pages.length > 1 && (
        <p className="absolute bottom-1 left-1/2 max-w-[90vw] -translate-x-1/2 truncate text-sm text-slate-600 dark:text-slate-400" aria-hidden="true" data-testid="tv-rotation">
          {pages.map((p, i) => (
            <span key={`${p.wall}-${p.kind}`} className={i === current ? "font-bold text-slate-900 dark:text-slate-100" : ""}>
              {i > 0 && " · "}
              {[walls.length > 1 ? walls[p.wall]!.snapshot.service.name : null, kinds.length > 1 ? TV_WALL_LABELS[p.kind] : null].filter(Boolean).join(": ")}
            </span>
          ))}
        </p>
      )}
      {sound && !audio.ready && (
        <p className="absolute right-4 bottom-1 rounded bg-slate-800 px-3 py-0.5 text-sm text-white" data-testid="tv-sound-hint">
          Click anywhere to enable the andon sound
        </p>
      )}
      <div role="alert" aria-live="assertive" className="sr-only">
        {flash ? `Andon pulled. ${flash.text}` : ""}
      </div>
      {flash && (
        <div
          key={flash.key}
          data-testid="tv-andon-flash"
          aria-hidden="true"
          className="tv-andon-flash absolute inset-0 z-10 flex flex-col items-center justify-center gap-[2vh] bg-red-700 p-[4vw] text-center text-white"
        >
          <p className="text-[clamp(3rem,8vw,12rem)] leading-none font-black tracking-wide">ANDON</p>
          <p className="text-[clamp(1.5rem,3vw,5rem)] font-bold">{flash.text}</p>
          <style>{`@keyframes tv-andon-pulse{0%,100%{opacity:1}50%{opacity:.75}} .tv-andon-flash{animation:tv-andon-pulse 1s ease-in-out infinite}
            @media (prefers-reduced-motion: reduce){.tv-andon-flash{animation:none}}`}</style>
        </div>
      )}
    </div>
  );
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function snapshotUrl(serviceId: string): string {
  return `/api/v1/services/${encodeURIComponent(serviceId)}/wall`;
}

/** One service's wall, kept live even while another wall of the rotation is on screen. */
/** The Kaizen and daily pages of one service, when the link asks for them. */
function TvServicePages({ input, kinds, shown, status, bus }: { input: TvWallInput; kinds: readonly TvWallKind[]; shown: TvWallKind | null; status: WallFeedStatus; bus: TvBus }) {
  return (
    <>
      {kinds.includes("kaizen") && input.kaizen && <TvKaizen initial={input.kaizen} token={input.token} hidden={shown !== "kaizen"} status={status} bus={bus} />}
      {kinds.includes("daily") && input.daily && <TvDaily initial={input.daily} token={input.token} hidden={shown !== "daily"} status={status} bus={bus} />}
    </>
  );
}

type TvWallProps = {
  input: TvWallInput;
  index: number;
  hidden: boolean;
  onAndon: (wallIndex: number, text: string) => void;
  onStatus?: (wallIndex: number, status: WallFeedStatus) => void;
  bus?: TvBus;
};

function TvWall({ input, index, hidden, onAndon, onStatus, bus }: TvWallProps) {
  const [state, dispatch] = useReducer(wallReducer, input.snapshot, (s) => initialWallState(s.stages, s.items, s.seq));
  const [status, setStatus] = useState<WallFeedStatus>("connecting");
  const now = useNow(30_000);
  const service = input.snapshot.service;
  const serviceId = service.id;
  const token = input.token;
  // The latest state and callback for the feed's handlers, without restarting the feed.
  const stateRef = useRef(state);
  const onAndonRef = useRef(onAndon);
  useEffect(() => {
    stateRef.current = state;
    onAndonRef.current = onAndon;
  });
  useEffect(() => {
    onStatus?.(index, status);
  }, [onStatus, index, status]);
  const busRef = useRef(bus);

  useEffect(() => {
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let problemsTimer: ReturnType<typeof setTimeout> | null = null;
    const auth = { headers: { authorization: `Bearer ${token}` }, credentials: "omit", cache: "no-store" } as const;
    // The token, not a cookie, authenticates this socket (the hub reads handshake.auth.token).
    // Websocket only, like the walls: no sticky sessions needed behind a load balancer (decision 010).
    const socket: WallSocket = io({ ...LIVE_SOCKET_OPTIONS, auth: { token }, withCredentials: false, autoConnect: false });

    // Too far behind, or the server forgot our seq (restarted on another database): a fresh
    // snapshot in place, retried with backoff while the server is unreachable or restarting.
    const reload = (attempt: number) => {
      fetch(snapshotUrl(serviceId), auth)
        .then(async (res) => {
          if (stopped) return;
          if (res.status === 401 || res.status === 403 || res.status === 404) {
            setStatus("refused");
            return;
          }
          if (!res.ok) throw new Error(`snapshot ${res.status}`);
          const fresh = (await res.json()) as TvSnapshot;
          dispatch({ type: "reset", stages: fresh.stages, items: fresh.items, seq: fresh.seq });
          feed.resync(fresh.seq);
          busRef.current?.dispatchEvent(new CustomEvent(serviceId, { detail: "reload" }));
        })
        .catch(() => {
          if (stopped) return;
          retry = setTimeout(() => reload(attempt + 1), Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt));
        });
    };

    // Problems only the server sees (RfCs, gates, failing tests) and who pulled an andon: one
    // refetch after a burst of events that may change them, as on the wall (needsServerProblems).
    const refetchProblems = () => {
      if (problemsTimer) clearTimeout(problemsTimer);
      problemsTimer = setTimeout(() => {
        problemsTimer = null;
        fetch(snapshotUrl(serviceId), auth)
          .then(async (res) => {
            if (!res.ok || stopped) return;
            const fresh = (await res.json()) as TvSnapshot;
            dispatch({ type: "server.problems", stages: fresh.stages, seq: fresh.seq });
          })
          .catch(() => {});
      }, 300);
    };

    const feed: WallFeed = new WallFeed({
      socket,
      serviceId,
      seq: input.snapshot.seq,
      onEvent: (event) => {
        dispatch({ type: "event", event });
        busRef.current?.dispatchEvent(new CustomEvent(serviceId, { detail: event.type }));
        if (needsServerProblems(event)) refetchProblems();
        if (event.type === "andon.pulled") {
          const p = event.payload;
          onAndonRef.current(index, `${service.name} — ${stageName(stateRef.current, p.stageId)}: ${p.reason}`);
        }
      },
      onStatus: setStatus,
      onReload: () => reload(0),
    });
    feed.start();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      if (problemsTimer) clearTimeout(problemsTimer);
      feed.stop();
      socket.disconnect();
    };
    // The first snapshot's seq starts the feed; later progress is the feed's own.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [serviceId, token]);

  const columns = useMemo(() => itemsByStage(state), [state]);
  const health = useMemo(() => new Map(wallHealth(state, now, columns).map((h) => [h.stageId, h])), [state, now, columns]);
  const stages = state.stages.filter((s) => !s.retired);
  // Words are never broken on the TV: a text whose longest word is wider than its column gets a
  // smaller font instead (fit-words.ts).
  const board = useRef<HTMLOListElement>(null);
  useFitWords(board, [state, hidden]);
  return (
    <main hidden={hidden} className="flex min-h-0 flex-1 flex-col" data-testid="tv-wall" data-service-key={service.key}>
      <TvHeader title={service.name} status={status} />

      {state.andons.length > 0 && (
        <div data-testid="tv-andon-banner" className="[&>div]:mx-4">
          <AndonBanner andons={state.andons} stageName={(id) => stageName(state, id)} now={now} />
        </div>
      )}

      <ol
        ref={board}
        className="grid min-h-0 flex-1 gap-1 px-2 pb-8"
        style={{ gridTemplateColumns: `repeat(${Math.max(1, stages.length)}, minmax(0, 1fr))` }}
        aria-label="Value stream, stages left to right"
      >
        {stages.map((stage) => {
          const items = tvCardOrder(columns.get(stage.id) ?? []);
          const h = health.get(stage.id) ?? null;
          const alarm = stageColumnAlarm(h);
          return (
            <li
              key={stage.id}
              // Eleven stages share the width: the count goes under a long stage name, which wraps
              // between words only (hyphenated where the browser can; fitted otherwise); the
              // rejection counts (history, not a problem) are left to the desk wall.
              className={`flex min-h-0 flex-col overflow-hidden rounded-xl bg-slate-200/80 dark:bg-slate-900 [&_[data-testid=stage-rejections]]:hidden [&_header]:px-1.5 [&_header>div:first-child]:flex-wrap [&_h2]:min-w-0 [&_h2]:hyphens-auto [&_h2]:break-normal [&_li]:break-normal [&_p]:break-normal [&_[data-testid=stage-problems]_li]:px-1.5 ${alarm.className}`}
              data-testid="tv-column"
              data-stage-key={stage.key}
              data-problems={alarm.problems}
              data-andon={alarm.andon === "open" ? "true" : "false"}
            >
              <StageHeader stage={stage} headingId={`tv-${stage.id}`} itemCount={items.length} health={h} />
              <ul className="flex min-h-0 flex-col gap-1.5 px-1 pb-2" aria-label={`Items in ${stage.name}`}>
                {items.slice(0, CARDS_SHOWN).map((item) => (
                  <li
                    key={item.id}
                    data-testid="tv-card"
                    className={`rounded-md px-1.5 py-1 text-lg leading-snug shadow-sm ${
                      item.andon ? "bg-red-100 text-red-950 ring-2 ring-red-600" : item.blockedReason ? "bg-amber-100 text-amber-950" : "bg-white text-slate-950 dark:bg-slate-800 dark:text-slate-50"
                    }`}
                  >
                    <span data-testid="tv-card-title" className="line-clamp-6 font-medium hyphens-auto">
                      {item.title}
                    </span>
                    <span className="text-sm text-slate-600 tabular-nums dark:text-slate-300">{formatAge(now - Date.parse(item.enteredStageAt))}</span>
                  </li>
                ))}
                {items.length > CARDS_SHOWN && <li data-testid="tv-more" className="px-1 text-base font-semibold text-slate-700 dark:text-slate-300">+{items.length - CARDS_SHOWN} more</li>}
              </ul>
            </li>
          );
        })}
      </ol>
    </main>
  );
}

/**
 * The server could not load the wall (restarting, database unreachable): wait until it is ready
 * again, with backoff, then load the page — a TV on the wall has nobody to press reload.
 */
export function TvUnavailable() {
  const [wait, setWait] = useState(2);
  useEffect(() => {
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout>;
    const probe = () => {
      fetch("/api/ready", { cache: "no-store" })
        .then((res) => {
          if (res.ok) window.location.reload();
          else throw new Error(String(res.status));
        })
        .catch(() => {
          attempt++;
          const seconds = Math.min(60, 2 ** attempt);
          setWait(seconds);
          timer = setTimeout(probe, seconds * 1000);
        });
    };
    timer = setTimeout(probe, 2000);
    return () => clearTimeout(timer);
  }, []);
  return (
    <main className="fixed inset-0 z-50 flex flex-col items-center justify-center gap-4 bg-slate-950 p-8 text-center text-slate-50" data-testid="tv-unavailable">
      <style>{"body>header{display:none}"}</style>
      <h1 className="text-[clamp(2rem,3vw,5rem)] font-bold">The wall is not reachable right now</h1>
      <p role="status" className="text-[clamp(1.2rem,1.6vw,3rem)] text-amber-300">
        Trying again in {wait} s…
      </p>
    </main>
  );
}
