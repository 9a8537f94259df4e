import "server-only";
import type { IncomingHttpHeaders, Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { can, type Actor } from "@/domain/permissions";
import type { ErrorCode } from "@/lib/errors";
import {
  CONNECT_ERROR,
  MSG,
  SOCKET_PATH,
  ZWallJoinRequest,
  ZWallLeaveRequest,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type PortfolioWatchReply,
  type WallJoinError,
  type WallJoinReply,
} from "@/lib/realtime/protocol";
import { resolveActor } from "@/server/auth/request-actor";
import { visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { allowedOrigins, env } from "@/server/env";
import { log } from "@/server/log";
import { listEventsAfter } from "@/server/services/events/list-events-after";
import { onCommitted } from "./bus";
import { metrics } from "@/server/observability/metrics";
import { onAccessChanged } from "./access-signals";
import { createPresence, PRESENCE_INTERVAL_MS } from "./presence";
import { tokenRoom, userRoom } from "./user-sockets";

// Kept to the actor only: the benchmarks count memory per idle watcher.
export type SocketData = { actor: Actor };
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Who is looking at which wall, told on join and leave (presence uses the same moments). */
export type WallWatchHooks = {
  onWallJoined?: (socket: RealtimeSocket, serviceId: string) => void;
  onWallLeft?: (socket: RealtimeSocket, serviceId: string) => void;
};

export type RealtimeOptions = {
  /** Redis for fan-out across instances; defaults to REDIS_URL. Null: this process only. */
  redisUrl?: string | null;
  /** The adapter's channel prefix (default "socket.io"): benchmarks sharing a Redis keep apart with it. */
  redisKey?: string;
  /** Missed events a join may replay before the client must reload; defaults to REPLAY_LIMIT. */
  replayLimit?: number;
  /** Relay the local write path's committed events (default true). */
  relayCommittedEvents?: boolean;
  hooks?: WallWatchHooks;
  /** Skip the replay query for a join at the current seq when that is safe (default true; false only to measure it). */
  fastJoin?: boolean;
  /** Presence messages to each wall's room (default on); the coalescing window in ms. */
  presence?: false | { intervalMs?: number };
};

const WALL_ROOM_PREFIX = "service:";
// A wall page joins one service; a TV rotating walls a few. More is a misbehaving client.
const MAX_WALLS_PER_SOCKET = 16;
const MAX_JOINS_IN_FLIGHT = 4;

export function wallRoom(serviceId: string): string {
  return `${WALL_ROOM_PREFIX}${serviceId}`;
}

// The portfolio's rooms: the same events as a wall's room, but no presence and no wall count.
const WATCH_ROOM_PREFIX = "watch:";
export function watchRoom(serviceId: string): string {
  return `${WATCH_ROOM_PREFIX}${serviceId}`;
}
// Bounds the rooms one portfolio socket sits in (a person sees at most this many services live).
const MAX_WATCHED_SERVICES = 2000;

const cleanups = new WeakMap<RealtimeServer, () => Promise<void>>();

/**
 * Socket.IO on the given HTTP server (path /socket.io): authenticated handshakes, rooms per
 * service decided by the server from permissions, and every committed event relayed to its room.
 */
export async function attachRealtime(httpServer: HttpServer, options: RealtimeOptions = {}): Promise<RealtimeServer> {
  const replayLimit = options.replayLimit ?? env.REPLAY_LIMIT;
  const custom = options.hooks ?? {};
  const io: RealtimeServer = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    // Next's dev server upgrades its own HMR websocket on this port: leave other upgrades alone.
    destroyUpgrade: false,
    // Clients only send small join/leave messages.
    maxHttpBufferSize: 16 * 1024,
    // An idle joined socket costs ~11 KB of heap (measured with 1,000 sockets); a deflate
    // context per socket would cost far more than the small event frames it saves.
    perMessageDeflate: false,
    // Cross-origin polling needs CORS; same-origin pages never send a preflight.
    cors: { origin: allowedOrigins(), credentials: true },
  });

  // Several instances behind a load balancer: the Redis adapter relays each room broadcast to
  // every instance, so a move committed on instance A reaches a watcher connected to instance B.
  // Each instance relays only the events its own write path committed, so none is sent twice.
  // The app's clients use the websocket transport only, so the load balancer needs no sticky
  // sessions (docs/decisions/010-two-instances-behind-a-proxy.md).
  const redisUrl = options.redisUrl === undefined ? env.REDIS_URL : options.redisUrl;
  let redisClients: Array<ReturnType<typeof createClient>> = [];
  const relay = options.relayCommittedEvents ?? true;
  if (redisUrl) {
    const pub = createClient({ url: redisUrl });
    const sub = pub.duplicate();
    for (const c of [pub, sub]) c.on("error", (err: unknown) => log.error({ err }, "realtime: redis error"));
    await Promise.all([pub.connect(), sub.connect()]);
    redisClients = [pub, sub];
    io.adapter(createAdapter(pub, sub, options.redisKey ? { key: options.redisKey } : {}));
    log.info("realtime: redis adapter on");
  }

  // The last seq this process relayed per service. Without Redis every commit of the app passes
  // through this process's bus, so a join can tell that nothing was published between its read
  // of the service and its entry into the room, and skip the replay query (see joinWall).
  const relayed = relay && !redisUrl && options.fastJoin !== false ? new Map<string, number>() : null;

  const presence =
    options.presence === false
      ? null
      : createPresence(io, wallRoom, { intervalMs: options.presence?.intervalMs ?? PRESENCE_INTERVAL_MS, acrossInstances: Boolean(redisUrl) });
  const hooks: WallWatchHooks = {
    onWallJoined(socket, serviceId) {
      custom.onWallJoined?.(socket, serviceId);
      presence?.changed(serviceId);
    },
    onWallLeft(socket, serviceId) {
      custom.onWallLeft?.(socket, serviceId);
      presence?.changed(serviceId);
    },
  };

  io.use(async (socket, next) => {
    const headers = socket.handshake.headers;
    if (!originAllowed(headers)) {
      log.warn({ origin: headers.origin }, "realtime: refused origin");
      return next(refusal(CONNECT_ERROR.origin));
    }
    try {
      const token: unknown = socket.handshake.auth?.token;
      const actor = await resolveActor({
        cookie: headers.cookie,
        authorization: typeof token === "string" && token ? `Bearer ${token}` : headers.authorization,
      });
      if (!actor) return next(refusal(CONNECT_ERROR.unauthenticated));
      socket.data.actor = actor;
      next();
    } catch (err) {
      log.error({ err }, "realtime: handshake failed");
      next(refusal(CONNECT_ERROR.unavailable));
    }
  });

  io.on("connection", (socket) => {
    const actor = socket.data.actor;
    void socket.join(actor.kind === "user" ? userRoom(actor.userId) : tokenRoom(actor.tokenId));

    // Each join costs a few queries: a client has no reason to run many at once.
    let joinsInFlight = 0;
    socket.on(MSG.join, (raw, ack) => {
      if (typeof ack !== "function") return;
      if (joinsInFlight >= MAX_JOINS_IN_FLIGHT) return ack(joinError("RATE_LIMITED", "Too many joins at once."));
      joinsInFlight++;
      joinWall(socket, raw, replayLimit, hooks, relayed)
        .then(ack, (err: unknown) => {
          log.error({ err }, "realtime: join failed");
          ack(joinError("INTERNAL", "Could not join the wall."));
        })
        .finally(() => joinsInFlight--);
    });

    socket.on(MSG.portfolioWatch, (_raw, ack) => {
      if (typeof ack !== "function") return;
      if (joinsInFlight >= MAX_JOINS_IN_FLIGHT) return ack(joinError("RATE_LIMITED", "Too many joins at once."));
      joinsInFlight++;
      watchPortfolio(socket)
        .then(ack, (err: unknown) => {
          log.error({ err }, "realtime: portfolio watch failed");
          ack(joinError("INTERNAL", "Could not watch the portfolio."));
        })
        .finally(() => joinsInFlight--);
    });

    socket.on(MSG.leave, (raw, ack) => {
      const parsed = ZWallLeaveRequest.safeParse(raw);
      if (!parsed.success) return ack?.(joinError("VALIDATION_FAILED", "serviceId is required."));
      const room = wallRoom(parsed.data.serviceId);
      if (socket.rooms.has(room)) {
        void socket.leave(room);
        hooks.onWallLeft?.(socket, parsed.data.serviceId);
      }
      ack?.({ ok: true });
    });

    // Still in its rooms while "disconnecting"; gone from them by the time presence is sent.
    socket.on("disconnecting", () => {
      for (const room of socket.rooms) {
        if (room.startsWith(WALL_ROOM_PREFIX)) hooks.onWallLeft?.(socket, room.slice(WALL_ROOM_PREFIX.length));
      }
    });
  });

  const unsubscribe = relay
    ? onCommitted((events) => {
        const m = metrics();
        for (const event of events) {
          // A socket in both rooms gets it once (Socket.IO unions the rooms).
          io.to([wallRoom(event.serviceId), watchRoom(event.serviceId)]).emit(MSG.event, event);
          m.eventsPublished.inc();
          m.publishLag.observe(Math.max(0, Date.now() - Date.parse(event.createdAt)) / 1000);
          if (relayed && event.seq > (relayed.get(event.serviceId) ?? 0)) relayed.set(event.serviceId, event.seq);
        }
      })
    : () => {};

  // Lost access (removed member, changed roles, disabled user, revoked token): cut the sockets,
  // on every instance through the adapter. Clients reconnect, and the handshake and each join
  // are checked again against what they may now see.
  const unsubscribeAccess = onAccessChanged((change) => {
    io.in("userId" in change ? userRoom(change.userId) : tokenRoom(change.tokenId)).disconnectSockets(true);
  });

  metrics().setRealtimeSource({ sockets: () => io.engine.clientsCount, rooms: () => io.of("/").adapter.rooms.size });
  cleanups.set(io, async () => {
    metrics().setRealtimeSource(null);
    presence?.close();
    unsubscribe();
    unsubscribeAccess();
    await io.close();
    await Promise.all(redisClients.map((c) => c.quit().catch(() => undefined)));
  });
  return io;
}

/** Stops relaying, disconnects every socket and closes the HTTP server the hub is attached to. */
export async function closeRealtime(io: RealtimeServer): Promise<void> {
  await cleanups.get(io)?.();
  cleanups.delete(io);
}

async function joinWall(
  socket: RealtimeSocket,
  raw: unknown,
  replayLimit: number,
  hooks: WallWatchHooks,
  relayed: ReadonlyMap<string, number> | null,
): Promise<WallJoinReply> {
  const parsed = ZWallJoinRequest.safeParse(raw);
  if (!parsed.success) return joinError("VALIDATION_FAILED", "serviceId and afterSeq (an integer ≥ 0) are required.");
  const { serviceId, afterSeq } = parsed.data;
  const actor = socket.data.actor;
  const room = wallRoom(serviceId);

  // Not yours and missing look alike: both answer NOT_FOUND. lastSeq rides along for the fast path.
  const service = await db.service.findFirst({
    where: { id: serviceId, ...visibleServiceWhere(actor) },
    select: { id: true, teamId: true, lastSeq: true },
  });
  if (!service || !can(actor, "service.view", { teamId: service.teamId, serviceId: service.id })) {
    return joinError("NOT_FOUND", "Service not found.");
  }
  // Gone while we queried: joining now would leave a dead socket id in the room for good.
  if (socket.disconnected) return joinError("BAD_REQUEST", "Disconnected.");
  const isNew = !socket.rooms.has(room);
  if (isNew && countWalls(socket) >= MAX_WALLS_PER_SOCKET) {
    return joinError("BAD_REQUEST", `At most ${MAX_WALLS_PER_SOCKET} walls per connection.`);
  }

  // Join BEFORE reading the replay: an event committed in between then arrives both live and
  // in the replay (the client drops the duplicate by seq) instead of in neither.
  await socket.join(room);
  if (isNew) hooks.onWallJoined?.(socket, serviceId);

  // Fast path for the common join (a freshly loaded wall joins at its snapshot's seq): if this
  // process relays every commit and has relayed nothing past the seq read above, then nothing
  // was published between that read and the join; anything later reaches the room live.
  // One query per join instead of two; a reconnect storm after a restart is where it counts.
  if (relayed && afterSeq === service.lastSeq && (relayed.get(serviceId) ?? 0) <= service.lastSeq) {
    return { events: [], lastSeq: service.lastSeq };
  }

  const catchUp = await listEventsAfter(serviceId, afterSeq, replayLimit);
  if (catchUp.kind === "reload") return { reload: true, lastSeq: catchUp.lastSeq };
  return { events: catchUp.events, lastSeq: catchUp.lastSeq };
}

/**
 * The portfolio: the socket joins the watch room of every service its actor may see now (the
 * same rule as a wall's join: visibleServiceWhere and service.view), and leaves those it may no
 * longer see. One query.
 */
async function watchPortfolio(socket: RealtimeSocket): Promise<PortfolioWatchReply> {
  const actor = socket.data.actor;
  const services = await db.service.findMany({
    where: visibleServiceWhere(actor),
    orderBy: { id: "asc" },
    take: MAX_WATCHED_SERVICES,
    select: { id: true, teamId: true },
  });
  if (socket.disconnected) return joinError("BAD_REQUEST", "Disconnected.");
  const ids = services.filter((s) => can(actor, "service.view", { teamId: s.teamId, serviceId: s.id })).map((s) => s.id);
  const wanted = new Set(ids.map(watchRoom));
  for (const room of [...socket.rooms]) if (room.startsWith(WATCH_ROOM_PREFIX) && !wanted.has(room)) await socket.leave(room);
  await socket.join([...wanted]);
  return { serviceIds: ids };
}

function countWalls(socket: RealtimeSocket): number {
  let n = 0;
  for (const room of socket.rooms) if (room.startsWith(WALL_ROOM_PREFIX)) n++;
  return n;
}

function joinError(code: ErrorCode, message: string): WallJoinError {
  return { error: { code, message } };
}

function refusal(message: string): Error {
  return Object.assign(new Error(message), { data: { code: message } });
}

/**
 * Browsers always send Origin on websocket upgrades and cross-origin requests, so a foreign page
 * cannot ride the user's cookie without being caught here. A missing Origin is a same-origin
 * polling GET or a non-browser client (TV box, script), which carries no ambient cookie to abuse.
 */
export function originAllowed(headers: IncomingHttpHeaders, trustProxy = env.TRUST_PROXY): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  const allowed = new Set(allowedOrigins());
  if (env.NEXTAUTH_URL) allowed.add(new URL(env.NEXTAUTH_URL).origin);
  if (allowed.has(origin)) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false; // "null" (sandboxed frames, file://) and garbage
  }
  // Same origin as the address the browser connected to. X-Forwarded-Host counts only behind a
  // trusted proxy (TRUST_PROXY=1): anyone else could send it to pass any origin off as ours.
  const forwarded = trustProxy ? headers["x-forwarded-host"] : undefined;
  const hosts = [headers.host, forwarded].flatMap((h) => (h ? String(h).split(",") : []));
  return hosts.some((h) => h.trim().toLowerCase() === originHost.toLowerCase());
}
