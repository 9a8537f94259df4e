"use client";

import { ConnectionStatus } from "@/components/wall/connection-status";
import { useWallFeed } from "@/components/wall/use-wall-feed";
import type { TWeeklyAgenda } from "@/lib/schemas/weekly";
import { AgendaBody, type WeeklyPermissions } from "./agenda-body";
import { useRefetch } from "./use-refetch";
import { WeekNav } from "./week-nav";
import { WeeklyPrintStyles } from "./weekly-print-styles";

/** The weekly synchronisation of one service, live: any event of the service reads it again. */
export function WeeklyView({ initial, permissions }: { initial: TWeeklyAgenda; permissions: WeeklyPermissions }) {
  const serviceId = initial.service.id;
  const { view, error, reload } = useRefetch<TWeeklyAgenda>(`/api/v1/services/${encodeURIComponent(serviceId)}/weekly?week=${initial.week}`, initial);
  const status = useWallFeed({
    serviceId,
    seq: initial.seq,
    onEvent: () => void reload().catch(() => undefined),
    reload: async () => (await reload()).seq,
  });
  const refresh = () => void reload().catch(() => undefined);
  return (
    <main data-testid="weekly" className="mx-auto max-w-7xl p-4 sm:p-6">
      <WeeklyPrintStyles />
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold">Weekly · {view.service.name}</h1>
          <WeekNav basePath={`/services/${encodeURIComponent(view.service.key)}/weekly`} {...view} />
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
      <AgendaBody agenda={view} permissions={permissions} onChanged={refresh} />
    </main>
  );
}
