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
// picture is one frame to every socket of the room, so 1 ms of delay per watcher bounds the
// frames to about one per millisecond whatever the room's size (1 s at 1,000, 10 s at 10,000).
// Measured with 10,000 joining watchers: at 1 ms per 4 watchers presence cost the hub ~0.5 ms
// of CPU per joining socket, and the watchers as much again.
const WATCHERS_PER_EXTRA_MS = 1;

// One collator for every comparison: `localeCompare(b, "en")` builds one per call, which made
// the picture of a 10,000-watcher room cost more than the frames that carry it.
const byName = new Intl.Collator("en");
const compareViewers = (a: PresenceViewer, b: PresenceViewer) => byName.compare(a.name, b.name) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

/** The first `k` viewers in name order, without sorting them all (a big room lists 24 of thousands). */
function firstByName(viewers: Iterable<PresenceViewer>, k: number): PresenceViewer[] {
  const top: PresenceViewer[] = [];
  for (const v of viewers) {
    if (top.length === k && compareViewers(v, top[k - 1]!) >= 0) continue;
    let i = top.length;
    while (i > 0 && compareViewers(v, top[i - 1]!) < 0) i--;
    top.splice(i, 0, v);
    if (top.length > k) top.pop();
  }
  return top;
}

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
  const viewers = firstByName(people.values(), PRESENCE_MAX_LISTED);
  return { serviceId, viewers, people: people.size, displays, at };
}

export type Presence = {
  /** A socket joined or left the wall: send the room a fresh picture soon. */
  changed: (serviceId: string) => void;
  close: () => void;
};

/**
 * Sends each wall's room its presence picture, coalesced per wall. With several instances
 * (`acrossInstances`), `io.in(room).fetchSockets()` goes through the adapter and counts the
 * sockets of every instance; alone, the room's own socket set is read directly (no copies).
 * Either way the emit reaches every instance's part of the room.
 */
export function createPresence(
  io: RealtimeServer,
  room: (serviceId: string) => string,
  { intervalMs = PRESENCE_INTERVAL_MS, acrossInstances = false }: { intervalMs?: number; acrossInstances?: boolean } = {},
): Presence {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let closed = false;

  function* localActors(r: string): Generator<Actor> {
    const ns = io.of("/");
    for (const id of ns.adapter.rooms.get(r) ?? []) {
      const actor = ns.sockets.get(id)?.data.actor;
      if (actor) yield actor;
    }
  }

  async function send(serviceId: string): Promise<void> {
    const r = room(serviceId);
    const actors = acrossInstances ? (await io.in(r).fetchSockets()).map((s) => s.data.actor) : localActors(r);
    if (closed) return;
    io.to(r).emit(MSG.presence, summarizePresence(serviceId, actors, Date.now()));
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
