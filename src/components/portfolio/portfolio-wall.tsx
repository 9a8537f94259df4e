"use client";

import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import { ConnectionStatus } from "@/components/wall/connection-status";
import { PROBLEM_KIND_SHORT } from "@/domain/portfolio";
import { callApi } from "@/lib/api-client";
import type { TPortfolio } from "@/lib/schemas/portfolio";
import { usePortfolioFeed } from "./use-portfolio-feed";

type Row = TPortfolio["rows"][number];

const TIER_LABEL = { elite: "Elite", high: "High", medium: "Medium", low: "Low" } as const;

/** A lead time for a row: hours under two days, else days with one decimal. */
export function formatLeadTime(ms: number): string {
  const hours = ms / 3_600_000;
  return hours < 48 ? `${Math.max(1, Math.round(hours))} h` : `${(hours / 24).toFixed(1)} d`;
}

/** The row's delivery facts, as the metrics wall measures them (src/domain/metrics/delivery-summary.ts). */
export function DeliveryChips({ row, linkClass = "underline-offset-4 hover:underline" }: { row: Row; linkClass?: string }) {
  const d = row.delivery;
  if (!d) return null;
  const metrics = `/services/${row.service.key}/metrics`;
  return (
    <>
      <li className="rounded bg-slate-200 px-2 py-0.5 dark:bg-slate-700" data-testid="portfolio-lead-time">
        <Link href={metrics} className={linkClass}>
          {d.leadTimeP50 === null ? `Lead time: nothing done in ${d.days} days` : `Lead time ${formatLeadTime(d.leadTimeP50)} (median of ${d.finished} done in ${d.days} days)`}
        </Link>
      </li>
      <li className="rounded bg-slate-200 px-2 py-0.5 dark:bg-slate-700" data-testid="portfolio-delivery-tier">
        {d.tier === null ? `Delivery: no deployment in ${d.days} days` : `Delivery ${TIER_LABEL[d.tier]} (${d.deployments} ${d.deployments === 1 ? "deployment" : "deployments"} in ${d.days} days)`}
      </li>
    </>
  );
}

const SLA_LOOK: Record<Row["sla"], { label: string; cls: string } | null> = {
  NONE: null,
  MET: { label: "SLA met", cls: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100" },
  AT_RISK: { label: "SLA at risk", cls: "bg-amber-100 text-amber-950 dark:bg-amber-900 dark:text-amber-50" },
  BREACHED: { label: "SLA breached", cls: "bg-red-700 text-white" },
};

/**
 * The portfolio wall: one row per service the person may see, worst first, live. Any event of
 * those services reads the portfolio again (coalesced: a burst costs one or two reads).
 */
export function PortfolioWall({ initial }: { initial: TPortfolio }) {
  const [portfolio, setPortfolio] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const loading = useRef(false);
  const again = useRef(false);

  const refresh = useCallback(() => {
    if (loading.current) {
      again.current = true;
      return;
    }
    loading.current = true;
    void (async () => {
      do {
        again.current = false;
        const res = await callApi<TPortfolio>("GET", "/api/v1/portfolio");
        if (res.ok) {
          setPortfolio(res.body);
          setError(null);
        } else setError(res.message);
      } while (again.current);
      loading.current = false;
    })();
  }, []);
  const status = usePortfolioFeed(refresh);
  const rows = portfolio.rows;

  return (
    <main className="mx-auto max-w-[1800px] p-4 sm:p-6">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold">Portfolio</h1>
          <p className="text-slate-700 dark:text-slate-300">Every service you may see, worst first. A red stage says what is wrong.</p>
          <p className="mt-1 flex flex-wrap gap-x-4 text-base">
            <Link href="/portfolio/matrix" className="font-medium text-sky-800 underline underline-offset-4 dark:text-sky-300">
              Expert pools × services
            </Link>
            <Link href="/portfolio/tv" className="font-medium text-sky-800 underline underline-offset-4 dark:text-sky-300">
              Show on a TV
            </Link>
          </p>
        </div>
        <div className="flex items-center gap-3">
          <Link href="/portfolio/weekly" className="rounded border border-slate-400 px-3 py-1 text-sm font-medium underline-offset-4 hover:bg-slate-100 dark:hover:bg-slate-800">
            Weekly agenda
          </Link>
          <ConnectionStatus status={status} />
        </div>
      </div>
      {error && (
        <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-red-900 dark:bg-red-950 dark:text-red-100">
          {error}
        </p>
      )}
      {rows.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 p-10 text-center dark:border-slate-700">
          <p className="text-lg font-medium">No services to show.</p>
          <p className="mt-1 text-slate-700 dark:text-slate-400">You see the services of the teams you belong to.</p>
        </div>
      ) : (
        <ol aria-label="Services, worst first" className="space-y-3">
          {rows.map((row) => (
            <PortfolioRowView key={row.service.id} row={row} />
          ))}
        </ol>
      )}
    </main>
  );
}

function PortfolioRowView({ row }: { row: Row }) {
  const { service } = row;
  const healthy = row.andons === 0 && row.problems === 0;
  const sla = SLA_LOOK[row.sla];
  return (
    <li
      data-testid="portfolio-row"
      data-service-key={service.key}
      className={`rounded-xl border bg-white p-4 shadow-sm dark:bg-slate-900 ${row.andons > 0 ? "border-red-600 border-l-8" : "border-slate-200 dark:border-slate-800"}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 className="text-xl font-semibold">
          <Link href={`/services/${service.key}`} className="underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500">
            {service.name}
          </Link>
          {service.status !== "ACTIVE" && (
            <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 align-middle text-xs font-medium dark:bg-slate-700">{service.status === "RETIRING" ? "Retiring" : "Retired"}</span>
          )}
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-400">
          {service.teamName} · {row.itemCount} {row.itemCount === 1 ? "item" : "items"} ·{" "}
          <Link href={`/services/${service.key}/daily`} className="font-medium text-sky-800 underline underline-offset-4 dark:text-sky-300">
            Daily<span className="sr-only"> view of {service.name}</span>
          </Link>
        </p>
      </div>
      <ul className="mt-2 flex flex-wrap gap-2 text-sm font-semibold" aria-label={`Summary of ${service.name}`}>
        {healthy && <li className="rounded bg-emerald-100 px-2 py-0.5 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">No problems</li>}
        {row.andons > 0 && (
          <li className="rounded bg-red-700 px-2 py-0.5 text-white" data-testid="portfolio-andons">
            {row.andons} open {row.andons === 1 ? "andon" : "andons"}
          </li>
        )}
        {row.noGo && <li className="rounded bg-red-700 px-2 py-0.5 text-white">NO-GO standing</li>}
        {row.problems > 0 && (
          <li className="rounded bg-amber-100 px-2 py-0.5 text-amber-950 dark:bg-amber-900 dark:text-amber-50">
            {row.problems} {row.problems === 1 ? "problem" : "problems"} on {row.redStages} {row.redStages === 1 ? "stage" : "stages"}
          </li>
        )}
        {row.openKaizenProblems > 0 && (
          <li className="rounded bg-slate-200 px-2 py-0.5 dark:bg-slate-700">
            <Link href={`/services/${service.key}/kaizen`} className="underline-offset-4 hover:underline">
              {row.openKaizenProblems} open Kaizen {row.openKaizenProblems === 1 ? "problem" : "problems"}
            </Link>
          </li>
        )}
        {row.overdueCountermeasures > 0 && (
          <li className="rounded bg-amber-100 px-2 py-0.5 text-amber-950 dark:bg-amber-900 dark:text-amber-50">
            {row.overdueCountermeasures} overdue {row.overdueCountermeasures === 1 ? "countermeasure" : "countermeasures"}
          </li>
        )}
        {sla && <li className={`rounded px-2 py-0.5 ${sla.cls}`}>{sla.label}</li>}
        <DeliveryChips row={row} />
        {row.costVariancePercent !== null && (
          <li className="rounded bg-slate-200 px-2 py-0.5 dark:bg-slate-700">
            Cost {row.costVariancePercent >= 0 ? "+" : "−"}
            {Math.abs(row.costVariancePercent).toFixed(1)}% vs plan (year to date)
          </li>
        )}
      </ul>
      <ol aria-label={`Stages of ${service.name}`} className="mt-3 grid grid-cols-2 gap-1 sm:flex sm:gap-1">
        {row.cells.map((cell) => {
          const red = cell.problems.length > 0;
          return (
            <li
              key={cell.stageId}
              data-testid="portfolio-cell"
              data-state={red ? "red" : "green"}
              className={`min-w-0 rounded-md px-2 py-1.5 text-sm sm:flex-1 ${red ? "bg-red-700 text-white" : "bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100"}`}
            >
              <span className="block truncate font-semibold" title={cell.name}>
                {cell.name}
              </span>
              {red ? (
                <ul className="mt-0.5 space-y-0.5 text-xs">
                  {cell.problems.map((p, i) => (
                    <li key={i} className="break-words">
                      <span className="font-semibold">{PROBLEM_KIND_SHORT[p.kind]}:</span> {p.message}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="block text-xs">OK</span>
              )}
            </li>
          );
        })}
      </ol>
      {row.noGo && <p className="mt-2 text-sm text-red-800 dark:text-red-300">{row.noGo}</p>}
    </li>
  );
}
