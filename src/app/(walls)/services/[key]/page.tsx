import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentActor } from "@/components/auth/current-actor";
import { ValueStreamWall } from "@/components/wall/value-stream-wall";
import { can } from "@/domain/permissions";
import { isAppError } from "@/lib/errors";
import { getWallSnapshotCached } from "@/server/services/walls/wall-snapshot-cache";

type Props = { params: Promise<{ key: string }> };

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

export default async function ServiceWallPage({ params }: Props) {
  const { key } = await params;
  const { actor, snapshot, loadedAt } = await loadWall(key);
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/services/${key}`)}`);
  if (!snapshot) notFound();

  const canMove = can(actor, "item.move", { teamId: snapshot.service.teamId, serviceId: snapshot.service.id });
  const scope = { teamId: snapshot.service.teamId, serviceId: snapshot.service.id };
  return (
    <ValueStreamWall
      snapshot={snapshot}
      canMove={canMove}
      renderedAt={loadedAt}
      canPullAndon={can(actor, "andon.pull", scope)}
      canReleaseAndon={can(actor, "andon.release", scope)}
      canCreateItem={can(actor, "item.create", scope)}
    />
  );
}
