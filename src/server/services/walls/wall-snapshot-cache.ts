import "server-only";
import { can, type Actor } from "@/domain/permissions";
import { visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { getWallSnapshot, type WallSnapshot } from "./get-wall-snapshot";

// A wall is loaded by every browser and TV that opens or reconnects to it, often at once (after
// a deploy or a network cut), and a 5,000-card snapshot costs hundreds of milliseconds to build.
// Every change to what a wall shows appends an Event and so bumps Service.lastSeq: a snapshot
// built at seq N is the wall for everyone who may see the service until seq N+1. So the last
// snapshot per service is kept and served while the service's lastSeq has not moved (one
// indexed read), and concurrent misses share one build. The TTL bounds what depends on the
// clock alone (RfC waiting times, card ages: the browser recomputes ages itself).
//
// Callers must treat the answer as read-only: it is shared.

const TTL_MS = 15_000;
const MAX_SERVICES = 64;

type Entry = { seq: number; at: number; snapshot: WallSnapshot };
const cache = new Map<string, Entry>();
const building = new Map<string, Promise<WallSnapshot>>();

export async function getWallSnapshotCached(actor: Actor, serviceKeyOrId: string): Promise<WallSnapshot> {
  const service = await db.service.findFirst({
    where: { OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }], ...visibleServiceWhere(actor) },
    select: { id: true, teamId: true, lastSeq: true },
  });
  // Not found or not allowed: the uncached read gives the canonical 404/403 (and audit record).
  if (!service || !can(actor, "service.view", { teamId: service.teamId, serviceId: service.id })) {
    return getWallSnapshot(actor, serviceKeyOrId);
  }
  const hit = cache.get(service.id);
  if (hit && hit.seq === service.lastSeq && Date.now() - hit.at < TTL_MS) return hit.snapshot;

  const key = `${service.id}@${service.lastSeq}`;
  let pending = building.get(key);
  if (!pending) {
    pending = getWallSnapshot(actor, service.id).then(
      (snapshot) => {
        building.delete(key);
        const current = cache.get(service.id);
        // Keep the newest: a slow build of an older seq must not replace a newer one.
        if (!current || current.seq <= snapshot.seq) {
          cache.delete(service.id);
          cache.set(service.id, { seq: snapshot.seq, at: Date.now(), snapshot });
          if (cache.size > MAX_SERVICES) cache.delete(cache.keys().next().value!);
        }
        return snapshot;
      },
      (e: unknown) => {
        building.delete(key);
        throw e;
      },
    );
    building.set(key, pending);
  }
  return pending;
}

/** For tests: forget every cached snapshot. */
export function clearWallSnapshotCache(): void {
  cache.clear();
}
