"use client";

import { useCallback, useRef } from "react";
import type { ObeyaEvent } from "@/lib/events";
import type { WallFeedStatus } from "@/lib/realtime/wall-feed";
import { useWallFeed } from "@/components/wall/use-wall-feed";

// Events that change what a Kaizen page shows: problems (opened, edited, PDCA moves), proposals,
// and stages (their names; a done-criterion added on closing).
const RELEVANT = /^(problem\.|kaizen\.|stage\.|andon\.)/;

/**
 * The service's live feed for a Kaizen page: a relevant event reads the page's snapshot again
 * (events carry ids, not the whole sheet). Reads are coalesced: a burst costs one or two.
 */
export function useKaizenFeed(serviceId: string, seq: number, fetchFresh: () => Promise<number>): WallFeedStatus {
  const loading = useRef<Promise<number> | null>(null);
  const again = useRef(false);
  const refresh = useCallback((): Promise<number> => {
    if (loading.current) {
      again.current = true;
      return loading.current;
    }
    const run = async () => {
      try {
        let fresh = await fetchFresh();
        while (again.current) {
          again.current = false;
          fresh = await fetchFresh();
        }
        return fresh;
      } finally {
        loading.current = null;
      }
    };
    loading.current = run();
    return loading.current;
  }, [fetchFresh]);

  return useWallFeed({
    serviceId,
    seq,
    onEvent: (event: ObeyaEvent) => {
      if (RELEVANT.test(event.type)) void refresh().catch(() => undefined);
    },
    reload: refresh,
  });
}
