import "server-only";
import type { Actor } from "@/domain/permissions";
import { MSG, PRESENCE_MAX_LISTED, type PresenceViewer, type WallPresence } from "@/lib/realtime/protocol";
import { log } from "@/server/log";
import type { RealtimeServer } from "./hub";

// Presence: who watches which wall. Nothing is stored per socket beyond the actor the handshake
// already keeps: the picture is rebuilt from the room's sockets when it changes, so it cannot
// drift (a crashed tab or instance simply is not in the room any more).

/** Coalescing window after a join or leave. */
export const PRESENCE_INTERVAL_MS = 250;
// A room of thousands (a reconnect storm after a restart) gets its picture less often: each
// picture is one frame to every socket of the room. 1 ms per 4 watchers: 2.5 s at 10,000.
const WATCHERS_PER_EXTRA_MS = 4;

/** The picture of one wall from the actors of the sockets in its room. Pure. */
export function summarizePresence(serviceId: string, actors: Iterable<Actor>, at: number): WallPresence {
  const people = new Map<string, PresenceViewer>();
  let displays = 0;
  for (const actor of actors) {
    if (actor.kind === "token") {
      // Wall-display tokens are screens, not people; API tokens (scripts) are neither.
      if (actor.display) displays++;
      continue;
    }
    const seen = people.get(actor.userId);
    if (seen) seen.count++;
    else people.set(actor.userId, { userId: actor.userId, name: actor.name, count: 1 });
  }
  const viewers = [...people.values()]
    .sort((a, b) => a.name.localeCompare(b.name, "en") || (a.userId < b.userId ? -1 : 1))
    .slice(0, PRESENCE_MAX_LISTED);
  return { serviceId, viewers, people: people.size, displays, at };
}

export type Presence = {
  /** A socket joined or left the wall: send the room a fresh picture soon. */
  changed: (serviceId: string) => void;
  close: () => void;
};

/**
 * Sends each wall's room its presence picture, coalesced per wall. `io.in(room).fetchSockets()`
 * goes through the adapter, so with Redis it counts the sockets of every instance, and the emit
 * reaches every instance's part of the room.
 */
export function createPresence(io: RealtimeServer, room: (serviceId: string) => string, intervalMs = PRESENCE_INTERVAL_MS): Presence {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let closed = false;

  async function send(serviceId: string): Promise<void> {
    const r = room(serviceId);
    const sockets = await io.in(r).fetchSockets();
    if (closed) return;
    io.to(r).emit(MSG.presence, summarizePresence(serviceId, sockets.map((s) => s.data.actor), Date.now()));
  }

  return {
    changed(serviceId) {
      if (closed || timers.has(serviceId)) return;
      const local = io.of("/").adapter.rooms.get(room(serviceId))?.size ?? 0;
      const delay = Math.max(intervalMs, Math.floor(local / WATCHERS_PER_EXTRA_MS));
      const timer = setTimeout(() => {
        timers.delete(serviceId);
        send(serviceId).catch((err: unknown) => log.warn({ err, serviceId }, "realtime: presence not sent"));
      }, delay);
      timer.unref?.();
      timers.set(serviceId, timer);
    },
    close() {
      closed = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
