"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { TvHeader } from "@/components/tv/tv-header";
import { PROBLEM_KIND_SHORT, sortPortfolio, type PortfolioRow } from "@/domain/portfolio";
import { LIVE_SOCKET_OPTIONS } from "@/lib/realtime/client-options";
import { CONNECT_ERROR, MSG, type ClientToServerEvents, type PortfolioWatchReply, type ServerToClientEvents } from "@/lib/realtime/protocol";
import type { WallFeedStatus } from "@/lib/realtime/wall-feed";
import type { TPortfolio } from "@/lib/schemas/portfolio";
import { formatLeadTime } from "./portfolio-wall";

type Row = TPortfolio["rows"][number];

// Rows that fit a 1080p screen at TV size; the rest are counted (a TV cannot scroll).
const ROWS_SHOWN = 7;
const TIER_LABEL = { elite: "Elite", high: "High", medium: "Medium", low: "Low" } as const;
const RANK: Record<WallFeedStatus, number> = { refused: 0, disconnected: 1, stopped: 2, reconnecting: 3, reload: 4, connecting: 5, joining: 6, live: 7 };

/** Each source's rows, merged: a service shown by two tokens is one row; worst first, as on the desk. */
export function mergePortfolios(parts: ReadonlyArray<Pick<TPortfolio, "rows">>): Row[] {
  const byId = new Map<string, Row>();
  for (const p of parts) for (const r of p.rows) byId.set(r.service.id, r);
  return sortPortfolio([...byId.values()] as PortfolioRow[]) as Row[];
}

/**
 * The portfolio on an office TV, read-only and live. `tokens`: the wall-display tokens of the
 * link (each reads its own service's row: GET /api/v1/portfolio with the token, one socket each
 * watching it); null: the signed-in person's session (a viewer's, say), with their scope.
 */
export function TvPortfolio({ initial, tokens }: { initial: TPortfolio[]; tokens: string[] | null }) {
  const [parts, setParts] = useState(initial);
  const [statuses, setStatuses] = useState<WallFeedStatus[]>(() => (tokens ?? [null]).map(() => "connecting"));
  const sources = useRef<Array<string | null>>(tokens ?? [null]);

  // One read per source at a time; an event during a read asks for one more after it.
  const reading = useRef<boolean[]>([]);
  const again = useRef<boolean[]>([]);
  const refresh = useCallback((i: number) => {
    if (reading.current[i]) {
      again.current[i] = true;
      return;
    }
    reading.current[i] = true;
    const token = sources.current[i] ?? null;
    void (async () => {
      try {
        do {
          again.current[i] = false;
          const res = await fetch("/api/v1/portfolio", token ? { headers: { authorization: `Bearer ${token}` }, credentials: "omit", cache: "no-store" } : { credentials: "same-origin", cache: "no-store" });
          if (!res.ok) break;
          const fresh = (await res.json()) as TPortfolio;
          setParts((list) => list.map((p, j) => (j === i ? fresh : p)));
        } while (again.current[i]);
      } catch {
        // Offline: the socket's reconnect reads again.
      } finally {
        reading.current[i] = false;
      }
    })();
  }, []);

  useEffect(() => {
    const sockets = sources.current.map((token, i) => {
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
        ...LIVE_SOCKET_OPTIONS,
        ...(token ? { auth: { token }, withCredentials: false } : { withCredentials: true }),
      });
      const set = (s: WallFeedStatus) => setStatuses((list) => (list[i] === s ? list : list.map((x, j) => (j === i ? s : x))));
      let first = true;
      socket.on("connect", () => {
        set("joining");
        socket.emit(MSG.portfolioWatch, {}, (reply: PortfolioWatchReply) => {
          if ("error" in reply) return set("disconnected");
          set("live");
          // Events may have been missed while disconnected.
          if (!first) refresh(i);
          first = false;
        });
      });
      socket.on("event", () => refresh(i));
      socket.on("disconnect", () => set("reconnecting"));
      socket.on("connect_error", (err) => set(err.message === CONNECT_ERROR.unauthenticated || err.message === CONNECT_ERROR.origin ? "refused" : "reconnecting"));
      return socket;
    });
    // Ages and windows move without events.
    const periodic = setInterval(() => sources.current.forEach((_, i) => refresh(i)), 5 * 60_000);
    return () => {
      clearInterval(periodic);
      for (const s of sockets) s.disconnect();
    };
  }, [refresh]);

  const status = statuses.reduce((worst, s) => (RANK[s] < RANK[worst] ? s : worst), "live" as WallFeedStatus);
  const rows = mergePortfolios(parts);
  return (
    <div className="fixed inset-0 z-50 flex flex-col overflow-hidden bg-slate-100 text-slate-900 dark:bg-slate-950 dark:text-slate-100" data-testid="tv-portfolio">
      {/* Readable from across the room: every rem grows with the screen, as on the TV wall. */}
      <style>{"html{font-size:clamp(12px,1vw,40px)}body>header{display:none}"}</style>
      <main className="flex min-h-0 flex-1 flex-col">
        <TvHeader title="Portfolio" status={status} />
        {rows.length === 0 ? (
          <p className="px-4 text-2xl">No services to show.</p>
        ) : (
          <ol aria-label="Services, worst first" className="flex min-h-0 flex-1 flex-col gap-2 px-3 pb-8">
            {rows.slice(0, ROWS_SHOWN).map((row) => (
              <TvPortfolioRow key={row.service.id} row={row} />
            ))}
            {rows.length > ROWS_SHOWN && <li className="px-2 text-xl font-semibold">+{rows.length - ROWS_SHOWN} more services</li>}
          </ol>
        )}
      </main>
    </div>
  );
}

function TvPortfolioRow({ row }: { row: Row }) {
  const d = row.delivery;
  const healthy = row.andons === 0 && row.problems === 0;
  return (
    <li
      data-testid="tv-portfolio-row"
      data-service-key={row.service.key}
      className={`flex min-h-0 flex-col gap-1 rounded-xl bg-white px-3 py-2 shadow-sm dark:bg-slate-900 ${row.andons > 0 ? "border-l-[0.6rem] border-red-600" : ""}`}
    >
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h2 className="text-3xl font-bold">{row.service.name}</h2>
        <ul className="flex flex-wrap gap-2 text-xl font-semibold" aria-label={`Summary of ${row.service.name}`}>
          {healthy && <li className="rounded bg-emerald-100 px-2 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100">No problems</li>}
          {row.andons > 0 && (
            <li className="rounded bg-red-700 px-2 text-white">
              {row.andons} open {row.andons === 1 ? "andon" : "andons"}
            </li>
          )}
          {row.noGo && <li className="rounded bg-red-700 px-2 text-white">NO-GO</li>}
          {row.problems > 0 && (
            <li className="rounded bg-amber-100 px-2 text-amber-950 dark:bg-amber-900 dark:text-amber-50">
              {row.problems} {row.problems === 1 ? "problem" : "problems"}
            </li>
          )}
          {row.openKaizenProblems > 0 && <li className="rounded bg-slate-200 px-2 dark:bg-slate-700">{row.openKaizenProblems} Kaizen</li>}
          {row.overdueCountermeasures > 0 && <li className="rounded bg-amber-100 px-2 text-amber-950 dark:bg-amber-900 dark:text-amber-50">{row.overdueCountermeasures} overdue</li>}
          {row.sla === "BREACHED" && <li className="rounded bg-red-700 px-2 text-white">SLA breached</li>}
          {row.sla === "AT_RISK" && <li className="rounded bg-amber-100 px-2 text-amber-950">SLA at risk</li>}
          {d && (
            <li className="rounded bg-slate-200 px-2 font-normal dark:bg-slate-700" data-testid="tv-portfolio-lead-time">
              Lead time {d.leadTimeP50 === null ? "—" : formatLeadTime(d.leadTimeP50)}
            </li>
          )}
          {d && <li className="rounded bg-slate-200 px-2 font-normal dark:bg-slate-700">Delivery {d.tier ? TIER_LABEL[d.tier] : "—"}</li>}
        </ul>
      </div>
      <ol aria-label={`Stages of ${row.service.name}`} className="flex min-h-0 gap-1">
        {row.cells.map((cell) => {
          const red = cell.problems.length > 0;
          return (
            <li
              key={cell.stageId}
              data-testid="tv-portfolio-cell"
              data-state={red ? "red" : "green"}
              className={`min-w-0 flex-1 overflow-hidden rounded-md px-1.5 py-0.5 text-base leading-tight ${red ? "bg-red-700 text-white" : "bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100"}`}
            >
              <span className="block truncate font-semibold">{cell.name}</span>
              {red ? (
                <span className="line-clamp-2 text-sm">{cell.problems.map((p) => `${PROBLEM_KIND_SHORT[p.kind]}: ${p.message}`).join(" · ")}</span>
              ) : (
                <span className="block text-sm">OK</span>
              )}
            </li>
          );
        })}
      </ol>
    </li>
  );
}
