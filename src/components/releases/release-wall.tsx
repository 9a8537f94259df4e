"use client";

import { useCallback, useRef, useState } from "react";
import type { ObeyaEvent } from "@/lib/events";
import type { TReleaseWall } from "@/lib/schemas/release";
import { ConnectionStatus } from "@/components/wall/connection-status";
import { useWallFeed } from "@/components/wall/use-wall-feed";
import { GateCriteriaPanel, NewReleaseForm } from "./release-forms";
import { PrintStyles } from "./print-styles";
import { ReleaseCard } from "./release-card";

export type ReleasePermissions = { decide: boolean; manage: boolean; configure: boolean };

type Props = { wall: TReleaseWall; permissions: ReleasePermissions };

// Events that change what this wall shows: releases, decisions, deployments, gate criteria, and
// item changes (a release lists its items' stages).
const RELEVANT = /^(release\.|deployment\.|gate\.|item\.)/;

/**
 * The release wall of one service, live: any relevant event on the service's feed reloads the
 * wall's snapshot (coalesced, so a burst of events costs one or two reads).
 */
export function ReleaseWall({ wall: initial, permissions }: Props) {
  const [wall, setWall] = useState(initial);
  const serviceId = initial.service.id;
  const loading = useRef<Promise<number> | null>(null);
  const again = useRef(false);

  const fetchWall = useCallback(async (): Promise<number> => {
    const res = await fetch(`/api/v1/services/${encodeURIComponent(serviceId)}/releases`, { credentials: "same-origin" });
    if (!res.ok) throw new Error(`release wall ${res.status}`);
    const fresh = (await res.json()) as TReleaseWall;
    setWall(fresh);
    return fresh.seq;
  }, [serviceId]);

  const refresh = useCallback((): Promise<number> => {
    if (loading.current) {
      again.current = true;
      return loading.current;
    }
    const run = async (): Promise<number> => {
      try {
        let seq = await fetchWall();
        while (again.current) {
          again.current = false;
          seq = await fetchWall();
        }
        return seq;
      } finally {
        loading.current = null;
      }
    };
    loading.current = run();
    return loading.current;
  }, [fetchWall]);

  const onEvent = useCallback(
    (event: ObeyaEvent) => {
      if (RELEVANT.test(event.type)) refresh().catch(() => {});
    },
    [refresh],
  );

  const status = useWallFeed({ serviceId, seq: initial.seq, onEvent, reload: refresh });

  // A command's own answer is applied at once; its event then brings every other wall along.
  const applied = useCallback(() => {
    refresh().catch(() => {});
  }, [refresh]);

  return (
    <main data-testid="release-wall" className="mx-auto max-w-6xl space-y-6 p-4 sm:p-6">
      <PrintStyles />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">Releases · {wall.service.name}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Go/no-go decisions are append-only; times are UTC.{" "}
            <span data-print="only" className="hidden">
              Printed decision history of every release of this service.
            </span>
          </p>
        </div>
        <div data-print="hide" className="flex items-center gap-3">
          <button
            type="button"
            onClick={() => window.print()}
            className="rounded border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800"
          >
            Print decision history
          </button>
          <ConnectionStatus status={status} />
        </div>
      </div>

      <GateCriteriaPanel serviceId={serviceId} criteria={wall.criteria} canConfigure={permissions.configure} onChanged={applied} />
      {permissions.manage && <NewReleaseForm serviceId={serviceId} onChanged={applied} />}

      {wall.releases.length === 0 ? (
        <p className="rounded bg-white p-4 text-slate-600 shadow-sm dark:bg-slate-900 dark:text-slate-400">No releases yet.</p>
      ) : (
        wall.releases.map((release) => (
          <ReleaseCard
            key={release.id}
            release={release}
            criteria={wall.criteria}
            candidates={wall.candidates}
            permissions={permissions}
            onChanged={applied}
          />
        ))
      )}
    </main>
  );
}
