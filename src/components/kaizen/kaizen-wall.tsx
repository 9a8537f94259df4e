"use client";

import Link from "next/link";
import { useCallback, useId, useMemo, useState } from "react";
import { PDCA_LABELS, type PdcaState } from "@/domain/kaizen/pdca";
import type { KaizenHolder } from "@/domain/permissions";
import type { TKaizenWall, TProblemCard } from "@/lib/schemas/kaizen";
import { inputClass, labelClass } from "@/components/create/form-dialog";
import { ConnectionStatus } from "@/components/wall/connection-status";
import { Presence } from "@/components/wall/presence";
import { formatDays, KpiSparkline, PdcaBadge, SOURCE_LABELS } from "./kaizen-ui";
import { OpenProblemButton } from "./open-problem-button";
import { ProposalCard, ProposeButton } from "./proposals";
import { useKaizenFeed } from "./use-kaizen-feed";

type Props = {
  initial: TKaizenWall;
  renderedAt: number;
  // From the permission matrix on the server; the API checks every request again.
  holder: KaizenHolder;
  canOpen: boolean;
  canPropose: boolean;
  canAnswer: boolean;
};

const OPEN_STATES: PdcaState[] = ["PLAN", "DO", "CHECK", "ACT"];

/**
 * The Kaizen wall of a service: open problems in columns by PDCA state, overdue countermeasures,
 * Kaizen-in-advance proposals between stages, and the closed problems (searchable). Live: every
 * problem or proposal event reads the wall again.
 */
export function KaizenWall({ initial, renderedAt, holder, canOpen, canPropose, canAnswer }: Props) {
  const [wall, setWall] = useState(initial);
  const serviceId = initial.service.id;
  const [stageFilter, setStageFilter] = useState("");
  const [ownerFilter, setOwnerFilter] = useState("");
  const [sourceFilter, setSourceFilter] = useState("");
  const [closedQuery, setClosedQuery] = useState("");
  const filterId = useId();
  const now = renderedAt;

  const fetchWall = useCallback(async () => {
    const res = await fetch(`/api/v1/services/${encodeURIComponent(serviceId)}/problems`, { credentials: "same-origin" });
    if (!res.ok) throw new Error(`kaizen wall ${res.status}`);
    const fresh = (await res.json()) as TKaizenWall;
    setWall(fresh);
    return fresh.seq;
  }, [serviceId]);
  const status = useKaizenFeed(serviceId, initial.seq, fetchWall);

  const shown = useMemo(
    () =>
      wall.problems.filter(
        (p) =>
          (!stageFilter || (stageFilter === "none" ? p.stageId === null : p.stageId === stageFilter)) &&
          (!ownerFilter || (ownerFilter === "none" ? p.ownerId === null : p.ownerId === ownerFilter)) &&
          (!sourceFilter || p.source === sourceFilter),
      ),
    [wall.problems, stageFilter, ownerFilter, sourceFilter],
  );
  const open = shown.filter((p) => p.pdca !== "CLOSED");
  const q = closedQuery.trim().toLowerCase();
  const closed = shown.filter((p) => p.pdca === "CLOSED" && (!q || `${p.title} ${p.standard ?? ""} ${p.stageName ?? ""}`.toLowerCase().includes(q)));
  const overdue = wall.problems.filter((p) => p.pdca !== "CLOSED" && p.counts.overdue > 0);
  const openProposals = wall.proposals.filter((p) => p.status === "OPEN");
  const answered = wall.proposals.filter((p) => p.status !== "OPEN");
  const openProblemRefs = wall.problems.filter((p) => p.pdca !== "CLOSED").map((p) => ({ id: p.id, name: p.title }));
  const key = wall.service.key;

  return (
    <div className="mx-auto flex max-w-[120rem] flex-col gap-5 px-4 py-4 sm:px-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold sm:text-3xl">{wall.service.name}: Kaizen</h1>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {canOpen && <OpenProblemButton serviceId={serviceId} serviceKey={key} stages={wall.stages} people={wall.people} userId={holder.userId} />}
          {canPropose && <ProposeButton serviceId={serviceId} stages={wall.stages} onDone={() => void fetchWall().catch(() => undefined)} />}
          <Presence serviceId={serviceId} />
          <ConnectionStatus status={status} />
        </div>
      </div>

      <form role="search" aria-label="Filter problems" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${filterId}-stage`} className={labelClass}>
            Stage
          </label>
          <select id={`${filterId}-stage`} value={stageFilter} onChange={(e) => setStageFilter(e.target.value)} className={inputClass}>
            <option value="">All stages</option>
            <option value="none">Whole service</option>
            {wall.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${filterId}-owner`} className={labelClass}>
            Owner
          </label>
          <select id={`${filterId}-owner`} value={ownerFilter} onChange={(e) => setOwnerFilter(e.target.value)} className={inputClass}>
            <option value="">Everyone</option>
            <option value="none">Nobody yet</option>
            {wall.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${filterId}-source`} className={labelClass}>
            Source
          </label>
          <select id={`${filterId}-source`} value={sourceFilter} onChange={(e) => setSourceFilter(e.target.value)} className={inputClass}>
            <option value="">Any source</option>
            {Object.entries(SOURCE_LABELS).map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </form>

      {overdue.length > 0 && (
        <section aria-labelledby="overdue-heading" data-testid="overdue-countermeasures" className="rounded-xl border-l-4 border-red-600 bg-red-50 px-4 py-3 dark:bg-red-950/60">
          <h2 id="overdue-heading" className="text-lg font-bold text-red-950 dark:text-red-50">
            Overdue countermeasures
          </h2>
          <ul className="mt-1 flex flex-col gap-1 text-base">
            {overdue.map((p) => (
              <li key={p.id}>
                <Link className="font-semibold text-red-900 underline underline-offset-4 dark:text-red-100" href={`/services/${key}/kaizen/${p.id}`}>
                  {p.title}
                </Link>{" "}
                — {p.counts.overdue} overdue{p.ownerName ? ` · ${p.ownerName}` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="open-heading" className="flex flex-col gap-3">
        <h2 id="open-heading" className="text-xl font-semibold">
          Open problems ({open.length})
        </h2>
        {wall.problems.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-lg dark:border-slate-700">
            No problems yet. {canOpen ? "Open one when you see something wrong: define it with data, then ask why." : "The team opens them here."}
          </p>
        ) : (
          <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
            {OPEN_STATES.map((state) => {
              const here = open.filter((p) => p.pdca === state);
              const headingId = `pdca-${state}`;
              return (
                <section key={state} aria-labelledby={headingId} data-testid="pdca-column" data-state={state} className="flex flex-col gap-3 rounded-xl bg-slate-100 p-3 dark:bg-slate-900/60">
                  <h3 id={headingId} className="flex items-center justify-between text-lg font-bold">
                    {PDCA_LABELS[state]}
                    <span className="rounded-full bg-white px-2.5 py-0.5 text-base tabular-nums dark:bg-slate-800">{here.length}</span>
                  </h3>
                  {here.length === 0 && <p className="text-base text-slate-600 dark:text-slate-400">Nothing here.</p>}
                  {here.map((p) => (
                    <ProblemCard key={p.id} problem={p} serviceKey={key} now={now} />
                  ))}
                </section>
              );
            })}
          </div>
        )}
      </section>

      <section aria-labelledby="proposals-heading" className="flex flex-col gap-3">
        <h2 id="proposals-heading" className="text-xl font-semibold">
          Kaizen in advance ({openProposals.length} waiting for an answer)
        </h2>
        <p className="text-base text-slate-700 dark:text-slate-300">A downstream stage proposes a change to the stage upstream that causes its problem; the upstream stage answers.</p>
        {wall.proposals.length === 0 && <p className="text-base text-slate-600 dark:text-slate-400">No proposals yet.</p>}
        <div className="grid gap-3 lg:grid-cols-2">
          {[...openProposals, ...answered].map((p) => (
            <ProposalCard
              key={p.id}
              proposal={p}
              serviceKey={key}
              now={now}
              canAnswer={canAnswer}
              problems={openProblemRefs}
              people={wall.people}
              onAnswered={() => void fetchWall().catch(() => undefined)}
            />
          ))}
        </div>
      </section>

      <section aria-labelledby="closed-heading" className="flex flex-col gap-3">
        <h2 id="closed-heading" className="text-xl font-semibold">
          Closed problems
        </h2>
        <div className="flex max-w-md flex-col gap-1">
          <label htmlFor={`${filterId}-closed`} className={labelClass}>
            Search closed problems
          </label>
          <input id={`${filterId}-closed`} type="search" value={closedQuery} onChange={(e) => setClosedQuery(e.target.value)} className={inputClass} placeholder="Title, standard or stage" />
        </div>
        {closed.length === 0 ? (
          <p className="text-base text-slate-600 dark:text-slate-400">{q ? "No closed problem matches." : "None closed yet."}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {closed.map((p) => (
              <li key={p.id} data-testid="closed-problem" className="rounded-lg bg-white px-4 py-2 shadow-sm dark:bg-slate-900">
                <Link className="font-semibold text-sky-800 underline underline-offset-4 dark:text-sky-300" href={`/services/${key}/kaizen/${p.id}`}>
                  {p.title}
                </Link>
                {p.standard && <span className="text-base text-slate-700 dark:text-slate-300"> — new standard: {p.standard}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function ProblemCard({ problem: p, serviceKey, now }: { problem: TProblemCard; serviceKey: string; now: number }) {
  const titleId = useId();
  return (
    <article aria-labelledby={titleId} data-testid="problem-card" data-problem-id={p.id} className="flex flex-col gap-2 rounded-lg bg-white p-3 shadow-sm dark:bg-slate-800">
      <h4 id={titleId} className="text-base leading-snug font-bold">
        <Link href={`/services/${serviceKey}/kaizen/${p.id}`} className="text-sky-900 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-200">
          {p.title}
        </Link>
      </h4>
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-700 dark:text-slate-300">
        <PdcaBadge state={p.pdca} cycle={p.cycle} />
        <span>{p.stageName ?? "Whole service"}</span>
        <span aria-hidden="true">·</span>
        <span>{p.ownerName ?? "No owner"}</span>
        <span aria-hidden="true">·</span>
        <span>{SOURCE_LABELS[p.source]}</span>
        <span aria-hidden="true">·</span>
        <span>open {formatDays(p.createdAt, now)}</span>
      </p>
      <p className="text-sm" data-testid="countermeasure-counts">
        Countermeasures: {p.counts.done} done · {p.counts.open} open
        {p.counts.overdue > 0 && <strong className="ml-1 rounded bg-red-700 px-1.5 py-0.5 whitespace-nowrap text-white">{p.counts.overdue} overdue</strong>}
      </p>
      <KpiSparkline kpi={p.kpi} values={p.kpiValues} />
    </article>
  );
}
