"use client";

import { useEffect, useRef, useState } from "react";
import { io } from "socket.io-client";
import type { ObeyaEvent } from "@/lib/events";
import { LIVE_SOCKET_OPTIONS } from "@/lib/realtime/client-options";
import { WallFeed, type WallFeedStatus, type WallSocket } from "@/lib/realtime/wall-feed";
import { publishPresence } from "./presence";

type Options = {
  serviceId: string;
  // The snapshot's seq: the feed replays everything after it on join.
  seq: number;
  onEvent: (event: ObeyaEvent) => void;
  // Too far behind to replay: return a fresh snapshot's seq once the wall has applied it.
  reload: () => Promise<number>;
};

/**
 * One Socket.IO connection for the wall, driven by WallFeed (ordering, dedup, re-join with the
 * last applied seq after every reconnect). Returns the feed's status for the header.
 */
export function useWallFeed({ serviceId, seq, onEvent, reload }: Options): WallFeedStatus {
  const [status, setStatus] = useState<WallFeedStatus>("connecting");
  // The latest callbacks without reconnecting when they change identity.
  const handlers = useRef({ onEvent, reload });
  useEffect(() => {
    handlers.current = { onEvent, reload };
  });
  // Only the first snapshot's seq starts the feed; later progress is the feed's own.
  const startSeq = useRef(seq);

  useEffect(() => {
    const socket: WallSocket = io({ ...LIVE_SOCKET_OPTIONS, withCredentials: true, autoConnect: false });
    const feed = new WallFeed({
      socket,
      serviceId,
      seq: startSeq.current,
      onEvent: (event) => handlers.current.onEvent(event),
      onStatus: setStatus,
      // Read by <Presence serviceId> in the header.
      onPresence: (presence) => publishPresence(serviceId, presence),
      onReload: () => {
        handlers.current
          .reload()
          .then((fresh) => feed.resync(fresh))
          .catch(() => setStatus("refused"));
      },
    });
    feed.start();
    return () => {
      feed.stop();
      socket.disconnect();
    };
  }, [serviceId]);

  return status;
}
