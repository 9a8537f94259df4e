import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentActor } from "@/components/auth/current-actor";
import { ProblemSheet } from "@/components/kaizen/problem-sheet";
import { can, kaizenHolder } from "@/domain/permissions";
import { isAppError } from "@/lib/errors";
import { db } from "@/server/db";
import { getProblemSheet } from "@/server/services/problems/get-problem-sheet";

type Props = { params: Promise<{ key: string; problemId: string }> };

const loadSheet = cache(async (key: string, problemId: string) => {
  const actor = await currentActor();
  const loadedAt = Date.now();
  if (!actor) return { actor: null, sheet: null, service: null, loadedAt };
  try {
    const sheet = await getProblemSheet(actor, problemId);
    // The sheet belongs to the service in the address: another service's problem is not here.
    if (sheet.serviceKey !== key) return { actor, sheet: null, service: null, loadedAt };
    const service = await db.service.findUniqueOrThrow({ where: { id: sheet.serviceId }, select: { id: true, key: true, name: true, teamId: true } });
    return { actor, sheet, service, loadedAt };
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return { actor, sheet: null, service: null, loadedAt };
    throw e;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { key, problemId } = await params;
  const { sheet, service } = await loadSheet(key, problemId);
  return { title: sheet && service ? `${sheet.title} · Kaizen · ${service.name} · Obeya` : "Obeya" };
}

export default async function ProblemSheetPage({ params }: Props) {
  const { key, problemId } = await params;
  const { actor, sheet, service, loadedAt } = await loadSheet(key, problemId);
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/services/${key}/kaizen/${problemId}`)}`);
  if (!sheet || !service) notFound();
  const scope = { teamId: service.teamId, serviceId: service.id };
  return (
    <ProblemSheet
      service={{ id: service.id, key: service.key, name: service.name }}
      initial={sheet}
      renderedAt={loadedAt}
      holder={kaizenHolder(actor, scope)}
      canAnswer={can(actor, "kaizen.answer", scope)}
    />
  );
}
