import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentActor } from "@/components/auth/current-actor";
import { ServiceWall } from "@/components/service-wall/service-wall";
import { can } from "@/domain/permissions";
import { isAppError } from "@/lib/errors";
import { getServiceWall } from "@/server/services/service-wall/get-service-wall";

type Props = { params: Promise<{ key: string }> };

const loadServiceWall = cache(async (key: string) => {
  const actor = await currentActor();
  if (!actor) return { actor: null, wall: null };
  try {
    return { actor, wall: await getServiceWall(actor, key) };
  } catch (e) {
    // Missing and not yours look alike (404), as in the API.
    if (isAppError(e) && e.code === "NOT_FOUND") return { actor, wall: null };
    throw e;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { wall } = await loadServiceWall((await params).key);
  return { title: wall ? `Service · ${wall.service.name} · Obeya` : "Obeya" };
}

export default async function ServiceWallPage({ params }: Props) {
  const { key } = await params;
  const { actor, wall } = await loadServiceWall(key);
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/services/${key}/service`)}`);
  if (!wall) notFound();

  const scope = { teamId: wall.service.teamId, serviceId: wall.service.id };
  return (
    <ServiceWall
      initial={wall}
      may={{
        editMri: can(actor, "mri.edit", scope),
        manageLevels: can(actor, "serviceLevel.manage", scope),
        recordTest: can(actor, "recoveryTest.record", scope),
        planCost: can(actor, "cost.plan", scope),
        recordActual: can(actor, "cost.recordActual", scope),
        decideEndOfLife: can(actor, "service.endOfLife", scope),
      }}
    />
  );
}
