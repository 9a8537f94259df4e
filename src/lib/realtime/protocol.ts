// The Socket.IO protocol between the hub (src/server/realtime/hub.ts) and the walls: message
// names and payloads, shared by server and browser so the two cannot drift apart.
//
// Client → server
//   "wall:join"  { serviceId, afterSeq }, ack(WallJoinReply)
//       Subscribe to a service's events. The server decides whether you may (404 otherwise) and
//       answers with every event after `afterSeq`, or tells you to reload a snapshot.
//       Idempotent: send it again after a reconnect or to fill a gap.
//   "wall:leave" { serviceId }, ack?({ ok: true })
//   "portfolio:watch" {}, ack(PortfolioWatchReply)
//       Receive the events of every service you may see (the portfolio wall), without joining
//       their walls (no presence). The server picks the services; send it again after a
//       reconnect. No replay: a watcher reads the portfolio again on any event.
// Server → client
//   "event"      ObeyaEvent, committed, for a service this socket joined. Arrives at least once
//                and possibly out of order or duplicated across a join: apply by seq (WallFeed).
//   "presence"   WallPresence: who watches a service's wall now. Sent to that wall's room only,
//                coalesced (at most every 250 ms; 1 ms per watcher in large rooms) after joins and
//                leaves. Each message is the whole picture: keep the one with the greatest `at`.
// Connection refusals (socket "connect_error", err.message): CONNECT_ERROR values.
import { z } from "zod";
import type { ErrorCode } from "@/lib/errors";
import type { ObeyaEvent } from "@/lib/events";

export const SOCKET_PATH = "/socket.io";

export const MSG = {
  join: "wall:join",
  leave: "wall:leave",
  portfolioWatch: "portfolio:watch",
  event: "event",
  presence: "presence",
} as const;

export const CONNECT_ERROR = {
  unauthenticated: "unauthenticated",
  origin: "origin not allowed",
  // The server could not check the credentials (database down or restarting): try again later.
  unavailable: "unavailable",
} as const;

export const ZWallJoinRequest = z.object({
  serviceId: z.string().min(1).max(64),
  // The last seq the client applied (the snapshot's seq on first join).
  afterSeq: z.number().int().min(0),
});
export type WallJoinRequest = z.infer<typeof ZWallJoinRequest>;

export const ZWallLeaveRequest = z.object({ serviceId: z.string().min(1).max(64) });
export type WallLeaveRequest = z.infer<typeof ZWallLeaveRequest>;

export type WallJoinError = { error: { code: ErrorCode; message: string } };
/** Joined: `events` are all events with seq in (afterSeq, lastSeq], ascending. */
export type WallJoinEvents = { events: ObeyaEvent[]; lastSeq: number };
/** Joined, but too far behind (or at an unknown seq): load a fresh snapshot, then join again. */
export type WallJoinReload = { reload: true; lastSeq: number };
export type WallJoinReply = WallJoinEvents | WallJoinReload | WallJoinError;

/** Watching: the ids of the services whose events will arrive. */
export type PortfolioWatchReply = { serviceIds: string[] } | WallJoinError;

export function isJoinError(r: WallJoinReply): r is WallJoinError {
  return "error" in r;
}
export function isJoinReload(r: WallJoinReply): r is WallJoinReload {
  return "reload" in r;
}

/** One person watching (all their tabs and devices count once). */
export type PresenceViewer = { userId: string; name: string; count: number };

export type WallPresence = {
  serviceId: string;
  /** People, by name, at most PRESENCE_MAX_LISTED of them. */
  viewers: PresenceViewer[];
  /** How many distinct people watch (may exceed viewers.length). */
  people: number;
  /** Sockets opened with a wall-display token: office TVs, not people. */
  displays: number;
  /** Server time (ms) the picture was taken; a later one replaces an earlier one. */
  at: number;
};

export const PRESENCE_MAX_LISTED = 24;

export interface ServerToClientEvents {
  event: (event: ObeyaEvent) => void;
  presence: (presence: WallPresence) => void;
}

export interface ClientToServerEvents {
  "wall:join": (req: WallJoinRequest, ack: (reply: WallJoinReply) => void) => void;
  "wall:leave": (req: WallLeaveRequest, ack?: (reply: { ok: true } | WallJoinError) => void) => void;
  "portfolio:watch": (req: Record<string, never>, ack: (reply: PortfolioWatchReply) => void) => void;
}
