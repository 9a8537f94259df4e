"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type Dispatch, type ReactNode } from "react";
import type { ObeyaEvent } from "@/lib/events";
import type { ErrorBody } from "@/lib/errors";
import type { TOpenAndon } from "@/lib/schemas/wall";
import { needsServerProblems, type ServerProblem, type StageHealth, type WallAction, type WallStageInput } from "@/components/wall/wall-state";
import { AndonDialog, type AndonRequest } from "./andon-dialog";

// The value-stream wall's visual control, shared by the stage headers, the problem board and
// the andon banner through one context, so the columns (owned by the board) only ask for the
// health of their own stage. The andon dialogs live here: one open at a time.

type WallProblems = {
  /** The service's key, for links to its Kaizen problem sheets (absent: no links). */
  serviceKey?: string;
  health: readonly StageHealth[];
  byStage: ReadonlyMap<string, StageHealth>;
  canPullAndon: boolean;
  canReleaseAndon: boolean;
  requestPull: (target: { stageId: string; itemId?: string; itemTitle?: string }) => void;
  requestRelease: (andon: TOpenAndon) => void;
};

const Ctx = createContext<WallProblems | null>(null);

export function useWallProblems(): WallProblems | null {
  return useContext(Ctx);
}

/** The health of one stage (null outside a provider, e.g. in a test that renders a column alone). */
export function useStageHealth(stageId: string): StageHealth | null {
  return useContext(Ctx)?.byStage.get(stageId) ?? null;
}

async function errorMessage(res: Response, what: string): Promise<string> {
  const body = (await res.json().catch(() => null)) as ErrorBody | null;
  const message = body?.error?.message;
  if (res.status === 401) return "Your session has ended. Sign in again.";
  if (res.status === 403) return `You may not ${what} here${message ? `: ${message}` : "."}`;
  if (res.status === 404) return message ?? "It no longer exists.";
  if (message) return message;
  return `The server could not ${what} (error ${res.status}). Try again.`;
}

type ProviderProps = {
  serviceId: string;
  serviceKey?: string;
  health: readonly StageHealth[];
  canPullAndon: boolean;
  canReleaseAndon: boolean;
  children: ReactNode;
};

export function WallProblemsProvider({ serviceId, serviceKey, health, canPullAndon, canReleaseAndon, children }: ProviderProps) {
  const [request, setRequest] = useState<AndonRequest | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const byStage = useMemo(() => new Map(health.map((h) => [h.stageId, h])), [health]);

  const requestPull = useCallback<WallProblems["requestPull"]>(
    ({ stageId, itemId, itemTitle }) => {
      setError(null);
      setRequest({ kind: "pull", stageId, stageName: byStage.get(stageId)?.stageName ?? "this stage", itemId, itemTitle });
    },
    [byStage],
  );
  const requestRelease = useCallback<WallProblems["requestRelease"]>(
    (andon) => {
      setError(null);
      setRequest({ kind: "release", andonId: andon.id, stageName: byStage.get(andon.stageId)?.stageName ?? "this stage", reason: andon.reason });
    },
    [byStage],
  );

  const confirm = useCallback(
    async (text: string) => {
      if (!request) return;
      setBusy(true);
      setError(null);
      const pull = request.kind === "pull";
      try {
        const res = pull
          ? await fetch(`/api/v1/services/${encodeURIComponent(serviceId)}/andons`, {
              method: "POST",
              credentials: "same-origin",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(request.itemId ? { itemId: request.itemId, reason: text } : { stageId: request.stageId, reason: text }),
            })
          : await fetch(`/api/v1/andons/${encodeURIComponent(request.andonId)}/release`, {
              method: "POST",
              credentials: "same-origin",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ countermeasure: text }),
            });
        // The wall changes when the event arrives (every open wall alike, this one included).
        if (res.ok) setRequest(null);
        else setError(await errorMessage(res, pull ? "pull the andon" : "release the andon"));
      } catch {
        setError("The server did not answer. Check the connection and try again.");
      } finally {
        setBusy(false);
      }
    },
    [request, serviceId],
  );

  const value = useMemo(
    () => ({ serviceKey, health, byStage, canPullAndon, canReleaseAndon, requestPull, requestRelease }),
    [serviceKey, health, byStage, canPullAndon, canReleaseAndon, requestPull, requestRelease],
  );
  return (
    <Ctx.Provider value={value}>
      {children}
      {request && (
        <AndonDialog
          // A new request starts with an empty field.
          key={request.kind === "pull" ? `pull-${request.stageId}-${request.itemId ?? ""}` : `release-${request.andonId}`}
          request={request}
          busy={busy}
          error={error}
          onConfirm={(text) => void confirm(text)}
          onCancel={() => setRequest(null)}
        />
      )}
    </Ctx.Provider>
  );
}

type Refresher = {
  serviceId: string;
  dispatch: Dispatch<WallAction>;
  known: readonly ServerProblem[];
  timer: ReturnType<typeof setTimeout> | null;
  inFlight: boolean;
  again: boolean;
};

/** One refetch at a time; an event during it asks for one more after it (never a stale last word). */
async function refetchProblems(r: Refresher): Promise<void> {
  if (r.inFlight) {
    r.again = true;
    return;
  }
  r.inFlight = true;
  try {
    const res = await fetch(`/api/v1/services/${encodeURIComponent(r.serviceId)}/wall`, { credentials: "same-origin" });
    // A failed refetch keeps the last known problems; the feed's own status shows a lost connection.
    if (res.ok) {
      const fresh = (await res.json()) as { stages: WallStageInput[]; seq: number };
      r.dispatch({ type: "server.problems", stages: fresh.stages, seq: fresh.seq });
    }
  } catch {
    // Offline: the next event or the periodic refresh tries again.
  } finally {
    r.inFlight = false;
    if (r.again) {
      r.again = false;
      void refetchProblems(r);
    }
  }
}

/**
 * Keeps the problems only the server sees current: on an event from another wall (stories,
 * RfCs, releases) or one that changes where those problems show, refetch the snapshot and take
 * its server problems: at once, then at most once more per burst (the trailing side is
 * debounced). Every few minutes too, since an RfC starts "waiting too long" with no event at
 * all. Returns the handler for each event.
 */
export function useServerProblems(
  serviceId: string,
  dispatch: Dispatch<WallAction>,
  known: readonly ServerProblem[],
  debounceMs = 150,
): (event: ObeyaEvent) => void {
  const ref = useRef<Refresher>({ serviceId, dispatch, known, timer: null, inFlight: false, again: false });
  useEffect(() => {
    ref.current.serviceId = serviceId;
    ref.current.dispatch = dispatch;
    ref.current.known = known;
  }, [serviceId, dispatch, known]);

  useEffect(() => {
    const r = ref.current;
    const periodic = setInterval(() => void refetchProblems(r), 5 * 60_000);
    return () => {
      clearInterval(periodic);
      if (r.timer) clearTimeout(r.timer);
    };
  }, []);

  return useCallback(
    (event: ObeyaEvent) => {
      if (!needsServerProblems(event, ref.current.known)) return;
      const r = ref.current;
      // Leading edge: the first event fetches at once (the problem shows within the second);
      // the rest of a burst, during the fetch or the quiet period after it, makes one more.
      if (r.inFlight || r.timer) {
        r.again = true;
        return;
      }
      void refetchProblems(r);
      r.timer = setTimeout(() => {
        r.timer = null;
        if (r.again && !r.inFlight) {
          r.again = false;
          void refetchProblems(r);
        }
      }, debounceMs);
    },
    [debounceMs],
  );
}
