"use client";

import { useCallback, useRef, useState } from "react";
import { callApi } from "@/lib/api-client";
import type { TServiceWall } from "@/lib/schemas/service-wall";
import { ConnectionStatus } from "@/components/wall/connection-status";
import { problemTone } from "@/components/wall/problems/problem-labels";
import { useWallFeed } from "@/components/wall/use-wall-feed";
import { CostPanel } from "./cost-panel";
import { EndOfLifePanel, STATUS_LABEL } from "./end-of-life-panel";
import { LevelsPanel } from "./levels-panel";
import { MriPanel } from "./mri-panel";
import { RecoveryPanel } from "./recovery-panel";
import { RetiredBanner } from "./retired-banner";

/** What the permission matrix lets this person do here (the server checks again on every request). */
export type ServiceWallMay = {
  editMri: boolean;
  manageLevels: boolean;
  recordTest: boolean;
  planCost: boolean;
  recordActual: boolean;
  decideEndOfLife: boolean;
};

const NOTHING: ServiceWallMay = { editMri: false, manageLevels: false, recordTest: false, planCost: false, recordActual: false, decideEndOfLife: false };

export function ServiceWall({ initial, may: allowed }: { initial: TServiceWall; may: ServiceWallMay }) {
  const [wall, setWall] = useState(initial);
  const [loadError, setLoadError] = useState<string | null>(null);
  const serviceId = initial.service.id;
  const inFlight = useRef<Promise<number> | null>(null);

  // Every write and every event reads the wall again: one snapshot, a bounded number of queries.
  const reload = useCallback(async () => {
    if (inFlight.current) return inFlight.current;
    const run = (async () => {
      const res = await callApi<TServiceWall>("GET", `/api/v1/services/${encodeURIComponent(serviceId)}/service-wall`);
      if (!res.ok) {
        setLoadError(res.message);
        throw new Error(res.message);
      }
      setLoadError(null);
      setWall(res.body);
      return res.body.seq;
    })();
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = null;
    }
  }, [serviceId]);
  const refresh = useCallback(() => void reload().catch(() => undefined), [reload]);

  const status = useWallFeed({ serviceId, seq: initial.seq, onEvent: refresh, reload });

  // A retired service is read-only everywhere: no write controls, whatever the role.
  const retired = wall.service.status === "RETIRED";
  const may = retired ? NOTHING : allowed;

  return (
    <main className="mx-auto flex max-w-7xl flex-col gap-4 px-4 py-4 sm:px-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold sm:text-3xl">{wall.service.name}: service</h1>
        </div>
        <ConnectionStatus status={status} />
      </div>

      {retired && <RetiredBanner name={wall.service.name} className="" />}
      {wall.service.status === "RETIRING" && (
        <p role="status" data-testid="retiring-banner" className="rounded-lg bg-amber-100 px-4 py-3 text-base font-semibold text-amber-950 dark:bg-amber-950 dark:text-amber-100">
          {STATUS_LABEL.RETIRING}: this service ends on {wall.service.endOfLife.date?.slice(0, 10) ?? "a date not set"}.
        </p>
      )}
      {loadError && (
        <p role="alert" className="rounded-lg bg-red-100 px-4 py-3 font-medium text-red-900 dark:bg-red-950 dark:text-red-100">
          The wall could not be read again: {loadError}
        </p>
      )}

      <ServiceProblems problems={wall.problems} />

      <div className="grid gap-4 lg:grid-cols-2">
        <MriPanel wall={wall} canEdit={may.editMri} onChanged={refresh} />
        <div className="flex min-w-0 flex-col gap-4">
          <LevelsPanel wall={wall} canManage={may.manageLevels} onChanged={refresh} />
          <RecoveryPanel wall={wall} canSetObjectives={may.manageLevels} canRecordTest={may.recordTest} onChanged={refresh} />
        </div>
        <CostPanel wall={wall} canPlan={may.planCost} canRecordActual={may.recordActual} onChanged={refresh} />
        <EndOfLifePanel wall={wall} canDecide={may.decideEndOfLife} onChanged={refresh} />
      </div>
    </main>
  );
}

/** Visual control: green, or exactly what is wrong — the same problems the Operations stage shows. */
function ServiceProblems({ problems }: { problems: TServiceWall["problems"] }) {
  if (problems.length === 0)
    return (
      <section aria-label="Open problems" data-testid="service-problems" data-problems={0}>
        <p className="flex items-center gap-2 rounded-lg bg-emerald-100 px-4 py-2 text-lg font-bold text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
          <span aria-hidden="true">✓</span> Fit for business continuity: no open problems
        </p>
      </section>
    );
  return (
    <section aria-labelledby="service-problems-heading" data-testid="service-problems" data-problems={problems.length} className="flex flex-col gap-2">
      <h2 id="service-problems-heading" className="text-xl font-bold">
        {problems.length} open {problems.length === 1 ? "problem" : "problems"}
      </h2>
      <ul className="flex flex-col gap-2">
        {problems.map((p, i) => {
          const warn = problemTone(p.kind) === "warn";
          return (
            <li
              key={`${p.kind}-${i}`}
              data-kind={p.kind}
              className={`rounded-lg border-2 px-3 py-2 text-base font-medium ${
                warn
                  ? "border-amber-500 bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-50"
                  : "border-red-600 bg-red-50 text-red-950 dark:bg-red-950 dark:text-red-50"
              }`}
            >
              <span className="sr-only">{warn ? "Warning: " : "Problem: "}</span>
              {p.message}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
