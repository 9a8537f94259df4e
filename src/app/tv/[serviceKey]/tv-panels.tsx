"use client";

import { useEffect, useRef, useState } from "react";
import { KpiSparkline, formatDays } from "@/components/kaizen/kaizen-ui";
import { PDCA_LABELS, type PdcaState } from "@/domain/kaizen/pdca";
import type { WallFeedStatus } from "@/lib/realtime/wall-feed";
import type { TKaizenWall, TProblemCard } from "@/lib/schemas/kaizen";
import type { TDailyView } from "@/lib/schemas/portfolio";
import { TvHeader, type TvBus } from "@/components/tv/tv-header";

// The Kaizen wall and the daily view as TV pages: read-only, big type (the TV's root font grows
// with the screen, so every rem here does), nothing to press. Their data is read with the wall
// token (GET /api/v1/services/{id}/problems and …/daily: service.view, what a display token holds)
// again after every event the service's value-stream wall receives (one socket per service, see
// TvBus), and every five minutes (ages and "due today" move without events).

const PERIODIC_MS = 5 * 60_000;
// Cards per PDCA column and lines per daily panel that fit a 1080p screen; the rest are counted.
const CARDS_SHOWN = 4;
const LINES_SHOWN = 6;
const OPEN_STATES: PdcaState[] = ["PLAN", "DO", "CHECK", "ACT"];
// Events that change the Kaizen wall (as use-kaizen-feed.ts), and a fresh snapshot after a gap.
const KAIZEN_RELEVANT = /^(problem\.|kaizen\.|stage\.|andon\.|countermeasure\.|reload$)/;

/** The page's data, read again with the token after the service's events (coalesced, one read at a time). */
function useTvData<T extends { service: { id: string } }>(initial: T, path: string, token: string, bus: TvBus, relevant: (type: string) => boolean): T {
  const [data, setData] = useState(initial);
  const serviceId = initial.service.id;
  const relevantRef = useRef(relevant);
  useEffect(() => {
    relevantRef.current = relevant;
  });
  useEffect(() => {
    let stopped = false;
    let inFlight = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const read = async () => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      try {
        do {
          again = false;
          const res = await fetch(path, { headers: { authorization: `Bearer ${token}` }, credentials: "omit", cache: "no-store" });
          // A refused token shows on the page's status (the service's socket is refused too);
          // a failed read keeps what is on screen until the next event or the periodic read.
          if (!res.ok || stopped) return;
          const fresh = (await res.json()) as T;
          if (!stopped) setData(fresh);
        } while (again && !stopped);
      } catch {
        // Offline: the socket's reconnect replays the missed events, which read again.
      } finally {
        inFlight = false;
      }
    };
    const onEvent = (e: Event) => {
      if (!relevantRef.current(String((e as CustomEvent).detail))) return;
      // A burst of events (a replay after a reconnect) costs one or two reads.
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void read();
      }, 250);
    };
    bus.addEventListener(serviceId, onEvent);
    const periodic = setInterval(() => void read(), PERIODIC_MS);
    return () => {
      stopped = true;
      bus.removeEventListener(serviceId, onEvent);
      clearInterval(periodic);
      if (timer) clearTimeout(timer);
    };
  }, [bus, serviceId, path, token]);
  return data;
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

type PanelProps<T> = { initial: T; token: string; hidden: boolean; status: WallFeedStatus; bus: TvBus };

/** The Kaizen wall on a TV: open problems in columns by PDCA state, overdue countermeasures first, open proposals last. */
export function TvKaizen({ initial, token, hidden, status, bus }: PanelProps<TKaizenWall>) {
  const wall = useTvData(initial, `/api/v1/services/${encodeURIComponent(initial.service.id)}/problems`, token, bus, (t) => KAIZEN_RELEVANT.test(t));
  const now = useNow(60_000);
  const open = wall.problems.filter((p) => p.pdca !== "CLOSED");
  const overdue = open.filter((p) => p.counts.overdue > 0);
  const proposals = wall.proposals.filter((p) => p.status === "OPEN");
  return (
    <main hidden={hidden} className="flex min-h-0 flex-1 flex-col" data-testid="tv-kaizen" data-service-key={wall.service.key}>
      <TvHeader title={`${wall.service.name}: Kaizen`} status={status} />
      {overdue.length > 0 && (
        <p data-testid="tv-kaizen-overdue" className="mx-4 mb-2 rounded-lg bg-red-700 px-4 py-1.5 text-2xl font-bold text-white">
          {overdue.reduce((n, p) => n + p.counts.overdue, 0)} overdue {overdue.length === 1 && overdue[0]!.counts.overdue === 1 ? "countermeasure" : "countermeasures"}:{" "}
          <span className="font-semibold">{overdue.map((p) => p.title).join(" · ")}</span>
        </p>
      )}
      <div className={`grid min-h-0 flex-1 grid-cols-4 gap-2 px-2 ${proposals.length > 0 ? "pb-2" : "pb-8"}`}>
        {OPEN_STATES.map((state) => {
          const here = open.filter((p) => p.pdca === state);
          return (
            <section key={state} aria-labelledby={`tv-pdca-${wall.service.id}-${state}`} data-testid="tv-pdca-column" data-state={state} className="flex min-h-0 flex-col gap-2 overflow-hidden rounded-xl bg-slate-200/80 p-2 dark:bg-slate-900">
              <h2 id={`tv-pdca-${wall.service.id}-${state}`} className="flex items-center justify-between px-1 text-2xl font-bold">
                {PDCA_LABELS[state]}
                <span className="rounded-full bg-white px-3 text-xl tabular-nums dark:bg-slate-800">{here.length}</span>
              </h2>
              {here.length === 0 && <p className="px-1 text-lg text-slate-700 dark:text-slate-300">Nothing here</p>}
              <ul className="flex min-h-0 flex-col gap-2">
                {here.slice(0, CARDS_SHOWN).map((p) => (
                  <TvProblemCard key={p.id} problem={p} now={now} />
                ))}
                {here.length > CARDS_SHOWN && <li className="px-1 text-lg font-semibold text-slate-800 dark:text-slate-200">+{here.length - CARDS_SHOWN} more</li>}
              </ul>
            </section>
          );
        })}
      </div>
      {proposals.length > 0 && (
        <section aria-label="Kaizen in advance, waiting for an answer" className="mx-4 mb-8 flex flex-wrap gap-x-6 gap-y-1 text-lg">
          <h2 className="font-bold">Kaizen in advance:</h2>
          <ul className="contents">
            {proposals.slice(0, 4).map((p) => (
              <li key={p.id} className={p.waitingTooLong ? "font-semibold text-red-800 dark:text-red-300" : ""}>
                {p.fromStageName} ↩ {p.toStageName}: {p.proposal} · waiting {formatDays(p.createdAt, now)}
              </li>
            ))}
            {proposals.length > 4 && <li>+{proposals.length - 4} more</li>}
          </ul>
        </section>
      )}
    </main>
  );
}

function TvProblemCard({ problem: p, now }: { problem: TProblemCard; now: number }) {
  return (
    <li data-testid="tv-problem-card" className="flex flex-col gap-1 rounded-lg bg-white px-3 py-2 shadow-sm dark:bg-slate-800">
      <p className="line-clamp-3 text-xl leading-snug font-bold">{p.title}</p>
      <p className="text-base text-slate-700 dark:text-slate-300">
        {p.stageName ?? "Whole service"} · {p.ownerName ?? "no owner"} · open {formatDays(p.createdAt, now)}
        {p.cycle > 1 ? ` · cycle ${p.cycle}` : ""}
      </p>
      <p className="text-base">
        Countermeasures: {p.counts.done} done · {p.counts.open} open
        {p.counts.overdue > 0 && <strong className="ml-2 rounded bg-red-700 px-1.5 whitespace-nowrap text-white">{p.counts.overdue} overdue</strong>}
      </p>
      <KpiSparkline kpi={p.kpi} values={p.kpiValues} />
    </li>
  );
}

const dayName = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
const time = (iso: string) => new Date(iso).toLocaleString("en-GB", { weekday: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

/** The daily feedback view on a TV, for a stand-up in front of it: the four lists first, then what changed, stage by stage. */
export function TvDaily({ initial, token, hidden, status, bus }: PanelProps<TDailyView>) {
  const view = useTvData(initial, `/api/v1/services/${encodeURIComponent(initial.service.id)}/daily`, token, bus, () => true);
  return (
    <main hidden={hidden} className="flex min-h-0 flex-1 flex-col" data-testid="tv-daily" data-service-key={view.service.key}>
      <TvHeader title={`${view.service.name}: Daily`} status={status} />
      <p className="px-4 text-xl text-slate-700 dark:text-slate-300">Since {dayName(view.since)} (UTC)</p>
      <div className="grid grid-cols-4 gap-2 px-2 pt-2">
        <TvList title="New problems" empty="No new problems" lines={view.newProblems.map((p) => ({ key: p.problemId, main: p.title, sub: p.stageName ?? "Whole service" }))} />
        <TvList title="Blocked now" tone="bad" empty="Nothing is blocked" lines={view.blockedNow.map((i) => ({ key: i.itemId, main: i.title, sub: `${i.stageName}: ${i.reason}` }))} />
        <TvList title="Sent back" tone="bad" empty="Nothing was sent back" lines={view.sentBack.map((s, n) => ({ key: `${s.itemId}-${n}`, main: s.title, sub: `${s.fromStageName} → ${s.toStageName}: ${s.reason}` }))} />
        <TvList
          title="Countermeasures due today"
          empty="None due today"
          lines={view.countermeasuresDueToday.map((c) => ({ key: c.id, main: c.description, sub: `${c.problemTitle}${c.ownerName ? ` · ${c.ownerName}` : ""}` }))}
        />
      </div>
      <section aria-labelledby={`tv-daily-changes-${view.service.id}`} className="flex min-h-0 flex-1 flex-col px-2 pt-2 pb-8">
        <h2 id={`tv-daily-changes-${view.service.id}`} className="px-2 pb-1 text-2xl font-bold">
          Changes by stage
        </h2>
        {view.groups.length === 0 ? (
          <p className="px-2 text-xl text-slate-700 dark:text-slate-300">Nothing changed since the previous working day.</p>
        ) : (
          <ul className="grid min-h-0 flex-1 auto-rows-min grid-cols-4 gap-2 overflow-hidden">
            {view.groups.map((g) => (
              <li key={g.stageId ?? "service"} data-testid="tv-daily-stage" className="rounded-xl bg-white px-3 py-2 shadow-sm dark:bg-slate-800">
                <p className="text-xl font-bold">
                  {g.stageName} <span className="font-normal tabular-nums">({g.lines.length})</span>
                </p>
                <ul className="text-base">
                  {g.lines.slice(-3).map((l) => (
                    <li key={l.seq} className="line-clamp-2">
                      <span className="text-slate-700 tabular-nums dark:text-slate-300">{time(l.at)}</span> {l.text}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

function TvList({ title, empty, lines, tone }: { title: string; empty: string; lines: Array<{ key: string; main: string; sub: string }>; tone?: "bad" }) {
  const red = tone === "bad" && lines.length > 0;
  return (
    <section aria-label={title} data-testid="tv-daily-list" className={`rounded-xl px-3 py-2 ${red ? "bg-red-100 text-red-950 ring-2 ring-red-600 dark:bg-red-950 dark:text-red-50" : "bg-slate-200/80 dark:bg-slate-900"}`}>
      <h2 className="text-2xl font-bold">
        {title} <span className="font-normal tabular-nums">({lines.length})</span>
      </h2>
      {lines.length === 0 ? (
        <p className="text-lg">{empty}</p>
      ) : (
        <ul className="flex flex-col gap-1">
          {lines.slice(0, LINES_SHOWN).map((l) => (
            <li key={l.key} className="text-lg leading-snug">
              <span className="line-clamp-2 font-semibold">{l.main}</span>
              <span className="line-clamp-1 text-base">{l.sub}</span>
            </li>
          ))}
          {lines.length > LINES_SHOWN && <li className="text-lg font-semibold">+{lines.length - LINES_SHOWN} more</li>}
        </ul>
      )}
    </section>
  );
}
