import "server-only";

// Every socket sits in one private room of its identity, so a change of access (signalAccessChanged,
// ./access-signals.ts) reaches all of them, on every instance through the adapter.

/** Every socket of a user sits in this private room. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}

/** Every socket opened with an access token (wall display, API) sits in this room. */
export function tokenRoom(tokenId: string): string {
  return `token:${tokenId}`;
}
