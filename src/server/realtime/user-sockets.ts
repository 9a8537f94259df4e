import "server-only";
import type { Server } from "socket.io";

// The process's Socket.IO server, on globalThis so code in Next's bundle (sign-out, role
// changes: a separate module graph from server.ts) can reach the sockets without importing
// socket.io itself.
const key = Symbol.for("obeya.realtime.io");
type Holder = { [key]?: Server | null };
const holder = globalThis as unknown as Holder;

/** Every socket of a user sits in this private room, so identity changes can reach them all. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}

/** Every socket opened with an access token (wall display, API) sits in this room. */
export function tokenRoom(tokenId: string): string {
  return `token:${tokenId}`;
}

export function registerRealtimeServer(io: Server): void {
  holder[key] = io;
}

export function unregisterRealtimeServer(io: Server): void {
  if (holder[key] === io) holder[key] = null;
}

/**
 * Disconnects every socket of this user, on every instance when the Redis adapter is on
 * (sign-out everywhere, disabled account, lost membership). Their clients may reconnect; the
 * handshake then re-checks the session. No-op when no hub runs in this process.
 */
export function disconnectUserSockets(userId: string): void {
  holder[key]?.in(userRoom(userId)).disconnectSockets(true);
}

/** The same for the sockets of one access token (revoked wall display or API token). */
export function disconnectTokenSockets(tokenId: string): void {
  holder[key]?.in(tokenRoom(tokenId)).disconnectSockets(true);
}
