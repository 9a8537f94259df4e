import "server-only";
import { eventBus } from "./bus";

// Access changed (member removed, roles changed, user disabled, token revoked): the realtime
// hub cuts that user's or token's sockets so they re-authenticate and rejoin only what they may see.
export type AccessChange = { userId: string } | { tokenId: string };

export function signalAccessChanged(change: AccessChange): void {
  eventBus().emit("access.changed", change);
}

export function onAccessChanged(listener: (change: AccessChange) => void): () => void {
  eventBus().on("access.changed", listener);
  return () => eventBus().off("access.changed", listener);
}
