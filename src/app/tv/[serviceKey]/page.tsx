import type { Metadata } from "next";
import { isAppError } from "@/lib/errors";
import { resolveAccessToken } from "@/server/auth/request-actor";
import { getWallSnapshot } from "@/server/services/walls/get-wall-snapshot";
import { TvWall, type TvSnapshot } from "./tv-wall";

export const metadata: Metadata = { title: "Wall display · Obeya" };

type Props = { params: Promise<{ serviceKey: string }>; searchParams: Promise<{ token?: string | string[] }> };

function Refused() {
  return (
    <main className="mx-auto max-w-xl p-8 text-center">
      <h1 className="mb-2 text-2xl font-bold">This wall display link does not work</h1>
      <p className="text-slate-600 dark:text-slate-400">
        The token is unknown, was revoked, or belongs to another service. A token manager of the service can create a new link.
      </p>
    </main>
  );
}

/**
 * An office TV: the service's wall, read-only, authenticated by a wall-display token in the link
 * (no session, so no session timeout; revoking the token ends it). The matrix gives such a token
 * service.view on its own service and nothing else, so the view offers no control at all.
 */
export default async function TvPage({ params, searchParams }: Props) {
  const { serviceKey } = await params;
  const raw = (await searchParams).token;
  const token = Array.isArray(raw) ? raw[0] : raw;
  const actor = token?.startsWith("oby_") ? await resolveAccessToken(token) : null;
  if (!token || !actor || actor.kind !== "token" || !actor.display) return <Refused />;
  let snapshot: TvSnapshot;
  try {
    const s = await getWallSnapshot(actor, serviceKey);
    snapshot = {
      service: { id: s.service.id, key: s.service.key, name: s.service.name },
      stages: s.stages.filter((st) => !st.retired).map((st) => ({ id: st.id, key: st.key, name: st.name, wipLimit: st.wipLimit })),
      items: s.items,
      seq: s.seq,
    };
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return <Refused />;
    throw e;
  }
  return <TvWall snapshot={snapshot} token={token} />;
}
