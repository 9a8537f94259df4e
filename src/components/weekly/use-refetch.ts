"use client";

import { useCallback, useRef, useState } from "react";
import { callApi } from "@/lib/api-client";

/**
 * Reads `path` again, coalesced: while a read runs, further calls ask for one more afterwards
 * (every event of a busy service must not start its own). Resolves with the last body read.
 */
export function useRefetch<T>(path: string, initial: T) {
  const [view, setView] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef<Promise<T> | null>(null);
  const again = useRef(false);
  const reload = useCallback(async (): Promise<T> => {
    if (inFlight.current) {
      again.current = true;
      return inFlight.current;
    }
    const run = (async () => {
      let last: T;
      do {
        again.current = false;
        const res = await callApi<T>("GET", path);
        if (!res.ok) {
          setError(res.message);
          throw new Error(res.message);
        }
        setError(null);
        setView(res.body);
        last = res.body;
      } while (again.current);
      return last;
    })();
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = null;
    }
  }, [path]);
  return { view, error, reload };
}
