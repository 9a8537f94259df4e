"use client";

import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ObeyaEvent } from "@/lib/events";
import { LIVE_SOCKET_OPTIONS } from "@/lib/realtime/client-options";
import { CONNECT_ERROR, MSG, type ClientToServerEvents, type PortfolioWatchReply, type ServerToClientEvents } from "@/lib/realtime/protocol";
import type { WallFeedStatus } from "@/lib/realtime/wall-feed";

/**
 * The portfolio's live feed: one socket that asks the server to watch every service the person
 * may see (the server picks them, as for a wall) and calls `onChange` on any event of those
 * services, and after every (re)connect, since events may have been missed meanwhile.
 */
export function usePortfolioFeed(onChange: () => void): WallFeedStatus {
  const [status, setStatus] = useState<WallFeedStatus>("connecting");
  const handler = useRef(onChange);
  useEffect(() => {
    handler.current = onChange;
  });

  useEffect(() => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ ...LIVE_SOCKET_OPTIONS, withCredentials: true });
    let first = true;
    socket.on("connect", () => {
      setStatus("joining");
      socket.emit(MSG.portfolioWatch, {}, (reply: PortfolioWatchReply) => {
        if ("error" in reply) {
          setStatus("disconnected");
          return;
        }
        setStatus("live");
        if (!first) handler.current();
        first = false;
      });
    });
    socket.on("event", (_event: ObeyaEvent) => handler.current());
    socket.on("disconnect", () => setStatus("reconnecting"));
    socket.on("connect_error", (err) => setStatus(err.message === CONNECT_ERROR.unauthenticated || err.message === CONNECT_ERROR.origin ? "refused" : "reconnecting"));
    return () => {
      socket.disconnect();
    };
  }, []);
  return status;
}
