"use client";

import Link from "next/link";
import { usePortfolioFeed } from "@/components/portfolio/use-portfolio-feed";
import { ConnectionStatus } from "@/components/wall/connection-status";
import type { TPortfolioWeekly } from "@/lib/schemas/weekly";
import { AgendaBody, type WeeklyPermissions } from "./agenda-body";
import { useRefetch } from "./use-refetch";
import { WeekNav } from "./week-nav";
import { WeeklyPrintStyles } from "./weekly-print-styles";

/**
 * The weekly synchronisation of the whole portfolio: every service the person may see, one
 * agenda each, live through the portfolio's feed (the server picks the services it watches).
 */
export function PortfolioWeeklyView({ initial, permissions }: { initial: TPortfolioWeekly; permissions: Record<string, WeeklyPermissions> }) {
  const { view, error, reload } = useRefetch<TPortfolioWeekly>(`/api/v1/portfolio/weekly?week=${initial.week}`, initial);
  const status = usePortfolioFeed(() => void reload().catch(() => undefined));
  const refresh = () => void reload().catch(() => undefined);
  return (
    <main data-testid="weekly" className="mx-auto max-w-7xl p-4 sm:p-6">
      <WeeklyPrintStyles />
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold">Weekly · Portfolio</h1>
          <WeekNav basePath="/portfolio/weekly" {...view} />
        </div>
        <div data-print="hide" className="flex items-center gap-3">
          <button type="button" onClick={() => window.print()} className="rounded border border-slate-400 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-50 dark:bg-slate-800">
            Print agenda
          </button>
          <ConnectionStatus status={status} />
        </div>
      </div>
      {error && (
        <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-red-900 dark:bg-red-950 dark:text-red-100">
          {error}
        </p>
      )}
      {view.agendas.length === 0 && <p className="rounded-xl border border-dashed border-slate-400 p-6 text-center">No service of your teams yet.</p>}
      {view.agendas.map((agenda) => (
        <section key={agenda.service.id} aria-labelledby={`weekly-${agenda.service.id}`} data-testid="weekly-service" className="weekly-service mb-6">
          <h2 id={`weekly-${agenda.service.id}`} className="mb-1 text-2xl font-semibold">
            <Link href={`/services/${encodeURIComponent(agenda.service.key)}/weekly?week=${view.week}`} className="underline underline-offset-4">
              {agenda.service.name}
            </Link>{" "}
            <span className="text-base font-normal text-slate-700 dark:text-slate-400">· {agenda.service.teamName}</span>
          </h2>
          <AgendaBody agenda={agenda} permissions={permissions[agenda.service.id] ?? NONE} onChanged={refresh} headingLevel={3} />
        </section>
      ))}
    </main>
  );
}

const NONE: WeeklyPermissions = { userId: null, record: false, works: false, kaizen: { userId: null, facilitate: false, edit: false, kpi: false } };
