// The live feed of one service's wall, for the browser and for tests: joins the service's room,
// re-joins after every reconnect with the last applied seq, and hands events to the wall strictly
// in seq order, once each. Socket.IO delivers at least once across a join and, with concurrent
// commands, possibly out of order; this is where that becomes "exactly once, in order".
import type { Socket } from "socket.io-client";
import type { ObeyaEvent } from "@/lib/events";
import {
  CONNECT_ERROR,
  MSG,
  isJoinError,
  isJoinReload,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type WallJoinReply,
  type WallPresence,
} from "./protocol";

/**
 * Pure ordering and dedup: accepts events in any order and releases them in seq order with no
 * gap and no repeat. Knows nothing of sockets, so it is unit-tested on its own.
 */
export class EventSequencer {
  private last: number;
  private readonly pending = new Map<number, ObeyaEvent>();

  constructor(lastApplied: number) {
    this.last = lastApplied;
  }

  /** The seq of the last event released (the snapshot's seq before any). */
  get lastApplied(): number {
    return this.last;
  }

  /** True while an event is held back waiting for an earlier one. */
  get hasGap(): boolean {
    return this.pending.size > 0;
  }

  /** Offers one event; returns the events now ready to apply, in order (often none or one). */
  offer(event: ObeyaEvent): ObeyaEvent[] {
    if (event.seq <= this.last) return [];
    this.pending.set(event.seq, event);
    const ready: ObeyaEvent[] = [];
    for (let next = this.pending.get(this.last + 1); next; next = this.pending.get(this.last + 1)) {
      this.pending.delete(next.seq);
      this.last = next.seq;
      ready.push(next);
    }
    return ready;
  }

  /** Starts over from a fresh snapshot's seq; the join that follows replays anything after it. */
  reset(seq: number): void {
    this.last = seq;
    this.pending.clear();
  }
}

export type WallFeedStatus =
  | "connecting" // waiting for the socket
  | "joining" // connected, join sent, replay not yet answered
  | "live" // joined and caught up; events arrive as they commit
  | "reconnecting" // connection lost, Socket.IO is retrying
  | "reload" // too far behind: the wall must load a new snapshot and call resync(seq)
  | "refused" // the server refused the connection (signed out, foreign origin) or the join
  | "disconnected" // closed by this client (socket.disconnect()); socket.connect() resumes
  | "stopped";

export type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type WallFeedOptions = {
  socket: WallSocket;
  serviceId: string;
  /** The seq of the snapshot the wall was rendered from. */
  seq: number;
  onEvent: (event: ObeyaEvent) => void;
  /** Too far behind to replay: load a fresh snapshot, then call `resync(snapshot.seq)`. */
  onReload?: (lastSeq: number) => void;
  onStatus?: (status: WallFeedStatus) => void;
  onError?: (error: { code: string; message: string }) => void;
  /** Who watches this wall now (whole pictures, newest only); null when the feed went offline. */
  onPresence?: (presence: WallPresence | null) => void;
  /** How long an out-of-order event may wait for the ones before it before we re-ask. */
  gapTimeoutMs?: number;
  /** After the server cut the connection (access changed) or failed a join, wait this long before trying again. */
  serverDisconnectRetryMs?: number;
  /** How long to wait for the server to answer a join before asking again. */
  joinTimeoutMs?: number;
};

export class WallFeed {
  private readonly socket: WallSocket;
  private readonly serviceId: string;
  private readonly sequencer: EventSequencer;
  private readonly opts: WallFeedOptions;
  private currentStatus: WallFeedStatus = "connecting";
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private presenceAt = 0;
  private unavailableRetries = 0;

  constructor(opts: WallFeedOptions) {
    this.opts = opts;
    this.socket = opts.socket;
    this.serviceId = opts.serviceId;
    this.sequencer = new EventSequencer(opts.seq);
  }

  get lastSeq(): number {
    return this.sequencer.lastApplied;
  }

  get status(): WallFeedStatus {
    return this.currentStatus;
  }

  /** Listens and joins (now if connected, else on connect). Connects the socket if needed. */
  start(): this {
    if (this.running) return this;
    this.running = true;
    this.socket.on("connect", this.handleConnect);
    this.socket.on("disconnect", this.handleDisconnect);
    this.socket.on("connect_error", this.handleConnectError);
    this.socket.on(MSG.event, this.handleEvent);
    this.socket.on(MSG.presence, this.handlePresence);
    if (this.socket.connected) this.handleConnect();
    else {
      this.setStatus("connecting");
      if (!this.socket.active) this.socket.connect();
    }
    return this;
  }

  /** Stops listening and leaves the room; the socket itself stays open for others to use. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.clearGapTimer();
    this.clearReconnectTimer();
    this.socket.off("connect", this.handleConnect);
    this.socket.off("disconnect", this.handleDisconnect);
    this.socket.off("connect_error", this.handleConnectError);
    this.socket.off(MSG.event, this.handleEvent);
    this.socket.off(MSG.presence, this.handlePresence);
    if (this.socket.connected) this.socket.emit(MSG.leave, { serviceId: this.serviceId });
    this.clearPresence();
    this.setStatus("stopped");
  }

  /** After a reload: continue from the fresh snapshot's seq. */
  resync(seq: number): void {
    this.sequencer.reset(seq);
    if (this.running && this.socket.connected) this.join();
  }

  private readonly handleConnect = (): void => {
    this.unavailableRetries = 0;
    this.join();
  };

  private readonly handleDisconnect = (reason: string): void => {
    this.clearGapTimer();
    // Offline, we no longer know who watches; the next join brings a fresh picture.
    this.clearPresence();
    if (reason === "io server disconnect") {
      // The server cuts sockets when access changes (roles, membership, revoked token):
      // reconnect once so the handshake and the join are checked again. If access is gone the
      // handshake refuses and Socket.IO does not retry, so this cannot loop.
      this.setStatus("reconnecting");
      this.clearReconnectTimer();
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        if (this.running && !this.socket.active) this.socket.connect();
      }, this.opts.serverDisconnectRetryMs ?? 1000);
      return;
    }
    // `active` false: closed on purpose by this client; otherwise Socket.IO retries.
    this.setStatus(this.socket.active ? "reconnecting" : "disconnected");
  };

  private readonly handleConnectError = (err: Error): void => {
    if (this.socket.active) {
      this.setStatus("reconnecting");
      return;
    }
    // Refused by the handshake middleware: Socket.IO will not retry on its own.
    if (err.message === CONNECT_ERROR.unavailable) {
      // The server could not check the credentials (database restarting): its trouble, not a
      // refusal. Try again with backoff, so a wall display recovers with nobody at the keyboard.
      this.setStatus("reconnecting");
      const base = this.opts.serverDisconnectRetryMs ?? 1000;
      const delay = Math.min(30_000, base * 2 ** this.unavailableRetries++);
      this.clearReconnectTimer();
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        if (this.running && !this.socket.active) this.socket.connect();
      }, delay);
      return;
    }
    this.setStatus("refused");
    this.opts.onError?.({ code: err.message, message: err.message });
  };

  private readonly handleEvent = (event: ObeyaEvent): void => {
    if (event.serviceId !== this.serviceId || this.currentStatus === "reload") return;
    this.accept([event]);
  };

  private readonly handlePresence = (presence: WallPresence): void => {
    if (presence.serviceId !== this.serviceId) return;
    // Pictures from several instances may cross on the way: the newest wins.
    if (presence.at < this.presenceAt) return;
    this.presenceAt = presence.at;
    this.opts.onPresence?.(presence);
  };

  private clearPresence(): void {
    if (this.presenceAt === 0 && !this.opts.onPresence) return;
    this.presenceAt = 0;
    this.opts.onPresence?.(null);
  }

  private join(): void {
    if (!this.running) return;
    if (this.currentStatus !== "live") this.setStatus("joining");
    const afterSeq = this.sequencer.lastApplied;
    this.socket
      .timeout(this.opts.joinTimeoutMs ?? 10_000)
      .emit(MSG.join, { serviceId: this.serviceId, afterSeq }, (err: Error | null, reply: WallJoinReply) => {
        if (!this.running) return;
        if (err) {
          // No answer: ask again if still connected; a reconnect re-joins anyway.
          if (this.socket.connected) this.join();
          return;
        }
        this.handleJoinReply(reply);
      });
  }

  private handleJoinReply(reply: WallJoinReply): void {
    if (isJoinError(reply)) {
      this.clearGapTimer();
      if (reply.error.code === "INTERNAL" || reply.error.code === "RATE_LIMITED") {
        // The server's trouble, not a refusal: ask again shortly.
        this.clearReconnectTimer();
        this.reconnectTimer = setTimeout(() => {
          this.reconnectTimer = null;
          if (this.running && this.socket.connected) this.join();
        }, this.opts.serverDisconnectRetryMs ?? 1000);
        return;
      }
      this.setStatus("refused");
      this.opts.onError?.(reply.error);
      return;
    }
    if (isJoinReload(reply)) {
      // A stale answer to an older join: we already hold everything it would make us reload.
      if (reply.lastSeq === this.sequencer.lastApplied) return this.setStatus("live");
      this.clearGapTimer();
      this.setStatus("reload");
      this.opts.onReload?.(reply.lastSeq);
      return;
    }
    this.accept(reply.events);
    if (this.currentStatus !== "reload") this.setStatus("live");
  }

  private accept(events: readonly ObeyaEvent[]): void {
    for (const e of events) {
      for (const ready of this.sequencer.offer(e)) this.opts.onEvent(ready);
    }
    if (!this.sequencer.hasGap) this.clearGapTimer();
    else if (!this.gapTimer) {
      // A later event came first. Usually the earlier one is a few ms behind (two commands
      // committed close together); if it does not show up, ask the server for what we miss.
      this.gapTimer = setTimeout(() => {
        this.gapTimer = null;
        if (this.sequencer.hasGap && this.socket.connected) this.join();
      }, this.opts.gapTimeoutMs ?? 300);
    }
  }

  private clearReconnectTimer(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  private clearGapTimer(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }

  private setStatus(status: WallFeedStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.opts.onStatus?.(status);
  }
}
