import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentActor } from "@/components/auth/current-actor";
import { ReleaseWall } from "@/components/releases/release-wall";
import { RetiredBanner } from "@/components/service-wall/retired-banner";
import { canOffer } from "@/lib/permissions-view";
import { serviceStatusOf } from "@/server/services/services/service-status";
import { isAppError } from "@/lib/errors";
import { getReleaseWall } from "@/server/services/releases/get-release-wall";

type Props = { params: Promise<{ key: string }> };

// One snapshot per request, shared by the metadata and the page.
const loadReleases = cache(async (key: string) => {
  const actor = await currentActor();
  if (!actor) return { actor: null, wall: null };
  try {
    return { actor, wall: await getReleaseWall(actor, key) };
  } catch (e) {
    // Missing and not yours look alike (404), as in the API.
    if (isAppError(e) && e.code === "NOT_FOUND") return { actor, wall: null };
    throw e;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { wall } = await loadReleases((await params).key);
  return { title: wall ? `Releases · ${wall.service.name} · Obeya` : "Obeya" };
}

export default async function ReleasesPage({ params }: Props) {
  const { key } = await params;
  const { actor, wall } = await loadReleases(key);
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/services/${key}/releases`)}`);
  if (!wall) notFound();

  // The matrix decides what the page offers; every API call is authorised again on its own.
  const scope = { teamId: wall.service.teamId, serviceId: wall.service.id };
  // A retired service's walls only read: no control the server would refuse.
  const status = await serviceStatusOf(wall.service.id);
  return (
    <>
      {status === "RETIRED" && <RetiredBanner name={wall.service.name} />}
      <ReleaseWall
        wall={wall}
        permissions={{
          decide: canOffer(actor, "gate.decide", scope, status),
          manage: canOffer(actor, "release.manage", scope, status),
          configure: canOffer(actor, "service.configure", scope, status),
        }}
      />
    </>
  );
}
