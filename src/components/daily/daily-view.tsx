"use client";

import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import { ConnectionStatus } from "@/components/wall/connection-status";
import { useWallFeed } from "@/components/wall/use-wall-feed";
import { callApi } from "@/lib/api-client";
import type { TDailyView } from "@/lib/schemas/portfolio";

const time = (iso: string) => new Date(iso).toLocaleString("en-GB", { weekday: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const day = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });

/** The daily feedback view, live: any event of the service reads it again (coalesced). */
export function DailyView({ initial }: { initial: TDailyView }) {
  const [view, setView] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef<Promise<number> | null>(null);
  const again = useRef(false);
  const serviceId = initial.service.id;
  const base = `/services/${encodeURIComponent(initial.service.key)}`;

  const reload = useCallback(async (): Promise<number> => {
    if (inFlight.current) {
      again.current = true;
      return inFlight.current;
    }
    const run = (async () => {
      let seq = 0;
      do {
        again.current = false;
        const res = await callApi<TDailyView>("GET", `/api/v1/services/${encodeURIComponent(serviceId)}/daily`);
        if (!res.ok) {
          setError(res.message);
          throw new Error(res.message);
        }
        setError(null);
        setView(res.body);
        seq = res.body.seq;
      } while (again.current);
      return seq;
    })();
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = null;
    }
  }, [serviceId]);
  const status = useWallFeed({ serviceId, seq: initial.seq, onEvent: () => void reload().catch(() => undefined), reload });

  const nothing = view.groups.length === 0;
  return (
    <main className="mx-auto max-w-7xl p-4 sm:p-6">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold">Daily · {view.service.name}</h1>
          <p className="text-slate-700 dark:text-slate-300">What changed since {day(view.since)} (UTC).</p>
        </div>
        <ConnectionStatus status={status} />
      </div>
      {error && (
        <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-red-900 dark:bg-red-950 dark:text-red-100">
          {error}
        </p>
      )}
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Panel title="New problems" empty="No new problems." count={view.newProblems.length}>
          {view.newProblems.map((p) => (
            <li key={p.problemId}>
              <Link href={`${base}/kaizen/${p.problemId}`} className="font-medium underline underline-offset-4">
                {p.title}
              </Link>
              <span className="text-slate-700 dark:text-slate-400"> · {p.stageName ?? "whole service"}</span>
            </li>
          ))}
        </Panel>
        <Panel title="Blocked now" empty="Nothing is blocked." count={view.blockedNow.length}>
          {view.blockedNow.map((i) => (
            <li key={i.itemId}>
              <Link href={`${base}?item=${i.itemId}`} className="font-medium underline underline-offset-4">
                {i.title}
              </Link>
              <span className="text-slate-700 dark:text-slate-400"> · {i.stageName}</span>
              <span className="block">{i.reason}</span>
            </li>
          ))}
        </Panel>
        <Panel title="Sent back" empty="Nothing was sent back." count={view.sentBack.length}>
          {view.sentBack.map((s, n) => (
            <li key={`${s.itemId}-${n}`}>
              <span className="font-medium">{s.title}</span>
              <span className="text-slate-700 dark:text-slate-400">
                {" "}
                · {s.fromStageName} → {s.toStageName}
              </span>
              <span className="block">{s.reason}</span>
            </li>
          ))}
        </Panel>
        <Panel title="Countermeasures due today" empty="None due today." count={view.countermeasuresDueToday.length}>
          {view.countermeasuresDueToday.map((c) => (
            <li key={c.id}>
              <span className="font-medium">{c.description}</span>
              <span className="block text-slate-700 dark:text-slate-400">
                <Link href={`${base}/kaizen/${c.problemId}`} className="underline underline-offset-4">
                  {c.problemTitle}
                </Link>
                {c.ownerName ? ` · ${c.ownerName}` : ""}
              </span>
            </li>
          ))}
        </Panel>
      </div>

      <h2 className="mt-6 mb-2 text-2xl font-semibold">Changes by stage</h2>
      {view.truncated && <p className="mb-2 text-sm text-slate-700 dark:text-slate-300">Only the latest {view.groups.reduce((n, g) => n + g.lines.length, 0)} changes are listed.</p>}
      {nothing ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-slate-700 dark:border-slate-700 dark:text-slate-300">Nothing changed since the previous working day.</p>
      ) : (
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {view.groups.map((g) => (
            <section key={g.stageId ?? "service"} aria-labelledby={`daily-${g.stageId ?? "service"}`} data-testid="daily-stage" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
              <h3 id={`daily-${g.stageId ?? "service"}`} className="text-lg font-semibold">
                {g.stageName} <span className="text-sm font-normal text-slate-700 dark:text-slate-400">({g.lines.length})</span>
              </h3>
              <ol className="mt-2 space-y-1.5">
                {g.lines.map((l) => (
                  <li key={l.seq} className="text-sm">
                    <span className="break-words">{l.text}</span>
                    <span className="block text-xs text-slate-700 dark:text-slate-400">
                      {time(l.at)}
                      {l.actorName ? ` · ${l.actorName}` : ""}
                    </span>
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </div>
      )}
    </main>
  );
}

function Panel({ title, empty, count, children }: { title: string; empty: string; count: number; children: React.ReactNode }) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900" aria-label={title}>
      <h2 className="text-lg font-semibold">
        {title} <span className="text-sm font-normal text-slate-700 dark:text-slate-400">({count})</span>
      </h2>
      {count === 0 ? <p className="mt-1 text-sm text-slate-700 dark:text-slate-400">{empty}</p> : <ul className="mt-2 space-y-2 text-sm">{children}</ul>}
    </section>
  );
}
