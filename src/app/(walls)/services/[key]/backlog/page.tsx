import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentActor } from "@/components/auth/current-actor";
import { BacklogWall } from "@/components/backlog/backlog-wall";
import { RetiredBanner } from "@/components/service-wall/retired-banner";
import { canOffer } from "@/lib/permissions-view";
import { serviceStatusOf } from "@/server/services/services/service-status";
import { isAppError } from "@/lib/errors";
import { getBacklog } from "@/server/services/backlog/get-backlog";

type Props = { params: Promise<{ key: string }> };

// One read per request, shared by the metadata and the page.
const loadBacklog = cache(async (key: string) => {
  const actor = await currentActor();
  if (!actor) return { actor: null, backlog: null };
  try {
    return { actor, backlog: await getBacklog(actor, key) };
  } catch (e) {
    // Missing and not yours look alike (404), as in the API.
    if (isAppError(e) && e.code === "NOT_FOUND") return { actor, backlog: null };
    throw e;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { backlog } = await loadBacklog((await params).key);
  return { title: backlog ? `Backlog · ${backlog.service.name} · Obeya` : "Obeya" };
}

export default async function BacklogPage({ params }: Props) {
  const { key } = await params;
  const { actor, backlog } = await loadBacklog(key);
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/services/${key}/backlog`)}`);
  if (!backlog) notFound();

  const scope = { teamId: backlog.service.teamId, serviceId: backlog.service.id };
  // A retired service's walls only read: no control the server would refuse.
  const status = await serviceStatusOf(backlog.service.id);
  return (
    <>
      {status === "RETIRED" && <RetiredBanner name={backlog.service.name} />}
      <BacklogWall
        backlog={backlog}
        canReorder={canOffer(actor, "backlog.reorder", scope, status)}
        canEditStories={canOffer(actor, "item.update", scope, status)}
        canImport={canOffer(actor, "item.create", scope, status)}
      />
    </>
  );
}
