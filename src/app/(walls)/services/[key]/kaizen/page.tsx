import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentActor } from "@/components/auth/current-actor";
import { KaizenWall } from "@/components/kaizen/kaizen-wall";
import { can, kaizenHolder } from "@/domain/permissions";
import { isAppError } from "@/lib/errors";
import { db } from "@/server/db";
import { getKaizenWall } from "@/server/services/problems/get-kaizen-wall";

type Props = { params: Promise<{ key: string }> };

// One read per request, shared by the metadata and the page.
const loadKaizen = cache(async (key: string) => {
  const actor = await currentActor();
  const loadedAt = Date.now();
  if (!actor) return { actor: null, wall: null, teamId: null, loadedAt };
  try {
    const wall = await getKaizenWall(actor, key);
    const service = await db.service.findUniqueOrThrow({ where: { id: wall.service.id }, select: { teamId: true } });
    return { actor, wall, teamId: service.teamId, loadedAt };
  } catch (e) {
    // Missing and not yours look alike (404), as in the API.
    if (isAppError(e) && e.code === "NOT_FOUND") return { actor, wall: null, teamId: null, loadedAt };
    throw e;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { wall } = await loadKaizen((await params).key);
  return { title: wall ? `Kaizen · ${wall.service.name} · Obeya` : "Obeya" };
}

export default async function KaizenWallPage({ params }: Props) {
  const { key } = await params;
  const { actor, wall, teamId, loadedAt } = await loadKaizen(key);
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/services/${key}/kaizen`)}`);
  if (!wall || !teamId) notFound();
  const scope = { teamId, serviceId: wall.service.id };
  // From the permission matrix; every request is checked again by the API.
  return (
    <KaizenWall
      initial={wall}
      renderedAt={loadedAt}
      holder={kaizenHolder(actor, scope)}
      canOpen={can(actor, "kaizen.open", scope)}
      canPropose={can(actor, "kaizen.propose", scope)}
      canAnswer={can(actor, "kaizen.answer", scope)}
    />
  );
}
