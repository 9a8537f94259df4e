import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { resolveAccessToken } from "@/server/auth/request-actor";
import { log } from "@/server/log";
import { getDailyView } from "@/server/services/daily/get-daily-view";
import { getKaizenWall } from "@/server/services/problems/get-kaizen-wall";
import { getWallSnapshotCached } from "@/server/services/walls/wall-snapshot-cache";
import { parseTvWalls, type TvWallKind } from "@/components/tv/tv-pages";
import { TvScreen, TvUnavailable, type TvWallInput } from "./tv-wall";

export const metadata: Metadata = { title: "Wall display · Obeya" };

type Search = { token?: string | string[]; rotate?: string | string[]; sound?: string | string[]; walls?: string | string[] };
type Props = { params: Promise<{ serviceKey: string }>; searchParams: Promise<Search> };

// A TV rotating through more walls than this is better served by several TVs.
const MAX_WALLS = 8;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** `?rotate=N`: seconds per wall, 10 s to 1 h; anything else means no rotation. */
function rotation(raw: string | undefined): number | null {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 10 && n <= 3600 ? n : null;
}

/**
 * An office TV: the service's wall, read-only, authenticated by a wall-display token in the link
 * (no session, so no session timeout; revoking the token ends it). The matrix gives such a token
 * service.view on its own service and nothing else, so the view offers no control at all.
 *
 *   /tv/<serviceKey>?token=<wall token>                     one wall
 *   …&token=<token of another service>&rotate=60            rotate between walls every 60 s
 *   …&sound=1                                               beep on every andon pull
 *   …&walls=value-stream,kaizen,daily                       which walls of each service, in rotation order
 *
 * The first token must belong to <serviceKey>; each further token shows its own service's wall.
 */
type Loaded = { kind: "walls"; walls: TvWallInput[] } | { kind: "refused" } | { kind: "unavailable" };

async function loadWalls(serviceKey: string, tokens: string[], kinds: readonly TvWallKind[]): Promise<Loaded> {
  const walls: TvWallInput[] = [];
  try {
    for (const [i, token] of tokens.entries()) {
      const actor = token.startsWith("oby_") ? await resolveAccessToken(token) : null;
      if (!actor || actor.kind !== "token" || !actor.display) return { kind: "refused" };
      const snapshot = await getWallSnapshotCached(actor, i === 0 ? serviceKey : actor.serviceId);
      if (walls.some((w) => w.snapshot.service.id === snapshot.service.id)) continue;
      // What the TV shows of each item: no descriptions (the page carries the snapshot to the browser).
      const items = snapshot.items.map((i) => ({ ...i, description: "" }));
      const serviceId = snapshot.service.id;
      // The other walls read with the same token (service.view on its own service, nothing else).
      const [kaizen, daily] = await Promise.all([
        kinds.includes("kaizen") ? getKaizenWall(actor, serviceId) : undefined,
        kinds.includes("daily") ? getDailyView(actor, serviceId) : undefined,
      ]);
      walls.push({
        token,
        snapshot: { service: snapshot.service, stages: snapshot.stages, items, seq: snapshot.seq },
        // The TV shows open problems; closed ones and the team's list stay on the desk wall.
        ...(kaizen ? { kaizen: { ...kaizen, problems: kaizen.problems.filter((p) => p.pdca !== "CLOSED"), people: [] } } : {}),
        ...(daily ? { daily } : {}),
      });
    }
    return { kind: "walls", walls };
  } catch (err) {
    if (isAppError(err) && err.code === "NOT_FOUND") return { kind: "refused" };
    // Server trouble (database restarting…), not a bad link: the TV waits and tries again.
    log.error({ err }, "tv: wall could not be loaded");
    return { kind: "unavailable" };
  }
}

export default async function TvPage({ params, searchParams }: Props) {
  const { serviceKey } = await params;
  const search = await searchParams;
  const tokens = [...new Set(([] as string[]).concat(search.token ?? []))].slice(0, MAX_WALLS);
  const kinds = parseTvWalls(search.walls);
  const loaded = tokens.length === 0 ? ({ kind: "refused" } as const) : await loadWalls(serviceKey, tokens, kinds);
  // 404 with the explanation of not-found.tsx: a monitor or a person can tell a dead link from a wall.
  if (loaded.kind === "refused") notFound();
  if (loaded.kind === "unavailable") return <TvUnavailable />;
  return <TvScreen walls={loaded.walls} kinds={kinds} rotateSeconds={rotation(first(search.rotate))} sound={first(search.sound) === "1"} />;
}
