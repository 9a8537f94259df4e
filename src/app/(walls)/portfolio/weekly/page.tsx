import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "@/components/auth/current-actor";
import { PortfolioWeeklyView } from "@/components/weekly/portfolio-weekly-view";
import type { ServiceStatus } from "@/domain/end-of-life";
import { isAppError } from "@/lib/errors";
import { weeklyPermissions } from "@/lib/permissions-view";
import { db } from "@/server/db";
import { getPortfolioWeekly } from "@/server/services/weekly/get-weekly-agenda";

export const metadata: Metadata = { title: "Weekly · Portfolio · Obeya" };

type Props = { searchParams: Promise<{ week?: string | string[] }> };

export default async function PortfolioWeeklyPage({ searchParams }: Props) {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent("/portfolio/weekly")}`);
  const raw = (await searchParams).week;
  const week = Array.isArray(raw) ? raw[0] : raw;
  let view;
  try {
    view = await getPortfolioWeekly(actor, week === undefined ? {} : { week });
  } catch (e) {
    if (isAppError(e) && e.code === "VALIDATION_FAILED") redirect("/portfolio/weekly");
    throw e;
  }
  const rows = await db.service.findMany({ where: { id: { in: view.agendas.map((a) => a.service.id) } }, select: { id: true, teamId: true, status: true } });
  const permissions = Object.fromEntries(rows.map((s) => [s.id, weeklyPermissions(actor, { teamId: s.teamId, serviceId: s.id }, s.status as ServiceStatus)]));
  return <PortfolioWeeklyView key={view.week} initial={view} permissions={permissions} />;
}
