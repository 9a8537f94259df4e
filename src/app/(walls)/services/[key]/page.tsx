import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentActor } from "@/components/auth/current-actor";
import { ValueStreamWall } from "@/components/wall/value-stream-wall";
import { RetiredBanner } from "@/components/service-wall/retired-banner";
import type { ServiceStatus } from "@/domain/end-of-life";
import { canOffer } from "@/lib/permissions-view";
import { isAppError } from "@/lib/errors";
import { getWallSnapshotCached } from "@/server/services/walls/wall-snapshot-cache";

type Props = { params: Promise<{ key: string }>; searchParams: Promise<{ at?: string | string[] }> };

// One snapshot per request, shared by the metadata and the page.
const loadWall = cache(async (key: string) => {
  const actor = await currentActor();
  // The server's clock at load, so card ages match between the server's HTML and the browser's.
  const loadedAt = Date.now();
  if (!actor) return { actor: null, snapshot: null, loadedAt };
  try {
    return { actor, snapshot: await getWallSnapshotCached(actor, key), loadedAt };
  } catch (e) {
    // Missing and not yours look alike (404), as in the API.
    if (isAppError(e) && e.code === "NOT_FOUND") return { actor, snapshot: null, loadedAt };
    throw e;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { snapshot } = await loadWall((await params).key);
  return { title: snapshot ? `${snapshot.service.name} · Obeya` : "Obeya" };
}

export default async function ServiceWallPage({ params, searchParams }: Props) {
  const { key } = await params;
  // ?at=<ISO time>: the wall opens on that moment (playback); an unreadable one opens live.
  const rawAt = (await searchParams).at;
  const at = typeof rawAt === "string" && !Number.isNaN(Date.parse(rawAt)) ? new Date(rawAt).toISOString() : null;
  const { actor, snapshot, loadedAt } = await loadWall(key);
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/services/${key}`)}`);
  if (!snapshot) notFound();

  const scope = { teamId: snapshot.service.teamId, serviceId: snapshot.service.id };
  // A retired service's wall only reads: no control the server would refuse.
  const status = snapshot.service.status as ServiceStatus;
  const may = (action: Parameters<typeof canOffer>[1]) => canOffer(actor, action, scope, status);
  return (
    <>
      {status === "RETIRED" && <RetiredBanner name={snapshot.service.name} />}
      <ValueStreamWall
        snapshot={snapshot}
        canMove={may("item.move")}
        renderedAt={loadedAt}
        canPullAndon={may("andon.pull")}
        canReleaseAndon={may("andon.release")}
        canCreateItem={may("item.create")}
        initialAt={at}
      />
    </>
  );
}
