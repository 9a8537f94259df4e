import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentActor } from "@/components/auth/current-actor";
import { WeeklyView } from "@/components/weekly/weekly-view";
import type { ServiceStatus } from "@/domain/end-of-life";
import { isAppError } from "@/lib/errors";
import { weeklyPermissions } from "@/lib/permissions-view";
import { db } from "@/server/db";
import { getWeeklyAgenda } from "@/server/services/weekly/get-weekly-agenda";

type Props = { params: Promise<{ key: string }>; searchParams: Promise<{ week?: string | string[] }> };

const loadWeekly = cache(async (key: string, week: string | undefined) => {
  const actor = await currentActor();
  if (!actor) return { actor: null, view: null, badWeek: false };
  try {
    return { actor, view: await getWeeklyAgenda(actor, key, week === undefined ? {} : { week }), badWeek: false };
  } catch (e) {
    // Missing and not yours look alike (404), as in the API; a week that does not exist shows this week.
    if (isAppError(e) && e.code === "NOT_FOUND") return { actor, view: null, badWeek: false };
    if (isAppError(e) && e.code === "VALIDATION_FAILED") return { actor, view: null, badWeek: true };
    throw e;
  }
});

const weekParam = (w: string | string[] | undefined) => (Array.isArray(w) ? w[0] : w);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { view } = await loadWeekly((await params).key, weekParam((await searchParams).week));
  return { title: view ? `Weekly ${view.week} · ${view.service.name} · Obeya` : "Obeya" };
}

export default async function WeeklyPage({ params, searchParams }: Props) {
  const { key } = await params;
  const week = weekParam((await searchParams).week);
  const { actor, view, badWeek } = await loadWeekly(key, week);
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/services/${key}/weekly`)}`);
  if (badWeek) redirect(`/services/${encodeURIComponent(key)}/weekly`);
  if (!view) notFound();
  const service = await db.service.findUniqueOrThrow({ where: { id: view.service.id }, select: { teamId: true, status: true } });
  const permissions = weeklyPermissions(actor, { teamId: service.teamId, serviceId: view.service.id }, service.status as ServiceStatus);
  // Keyed by week: another week is another agenda, not an update of this one.
  return <WeeklyView key={view.week} initial={view} permissions={permissions} />;
}
