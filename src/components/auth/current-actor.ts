import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import type { Actor } from "@/domain/permissions";
import { resolveActor } from "@/server/auth/request-actor";

// Pages resolve the actor the same way the API and the socket handshake do (session cookie,
// disabled users and bumped session versions refused), so a page never trusts a stale session.
// Cached per request: the header and the page ask once between them.
export const currentActor = cache(async (): Promise<Actor | null> => {
  const h = await headers();
  return resolveActor({ cookie: h.get("cookie"), authorization: null });
});
