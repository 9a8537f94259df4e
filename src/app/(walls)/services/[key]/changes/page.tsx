import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentActor } from "@/components/auth/current-actor";
import { ChangeWall } from "@/components/rfcs/change-wall";
import { keysHeld } from "@/domain/approvals";
import { RetiredBanner } from "@/components/service-wall/retired-banner";
import { canOffer } from "@/lib/permissions-view";
import { serviceStatusOf } from "@/server/services/services/service-status";
import { isAppError } from "@/lib/errors";
import { db } from "@/server/db";
import { findVisibleService } from "@/server/services/backlog/backlog-access";
import { listRfcs } from "@/server/services/rfcs/list-rfcs";
import { actorUserId } from "@/domain/permissions";

type Props = { params: Promise<{ key: string }> };

const loadChanges = cache(async (key: string) => {
  const actor = await currentActor();
  const loadedAt = Date.now();
  if (!actor) return { actor: null, service: null, list: null, loadedAt };
  try {
    const service = await findVisibleService(db, actor, key);
    return { actor, service, list: await listRfcs(actor, service.id), loadedAt };
  } catch (e) {
    // Missing and not yours look alike (404), as in the API.
    if (isAppError(e) && e.code === "NOT_FOUND") return { actor, service: null, list: null, loadedAt };
    throw e;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { service } = await loadChanges((await params).key);
  return { title: service ? `Changes · ${service.name} · Obeya` : "Obeya" };
}

export default async function ChangesPage({ params }: Props) {
  const { key } = await params;
  const { actor, service, list, loadedAt } = await loadChanges(key);
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/services/${key}/changes`)}`);
  if (!service || !list) notFound();

  const scope = { teamId: service.teamId, serviceId: service.id };
  // A retired service's walls only read: no control the server would refuse.
  const status = await serviceStatusOf(service.id);
  const retired = status === "RETIRED";
  return (
    <>
      {retired && <RetiredBanner name={service.name} />}
      <ChangeWall
        service={{ id: service.id, key: service.key, name: service.name }}
        initial={list}
        userId={actorUserId(actor)}
        held={retired ? [] : keysHeld(actor, scope)}
        canRaise={canOffer(actor, "rfc.raise", scope, status)}
        renderedAt={loadedAt}
      />
    </>
  );
}
