import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentActor } from "@/components/auth/current-actor";
import { DailyView } from "@/components/daily/daily-view";
import { isAppError } from "@/lib/errors";
import { getDailyView } from "@/server/services/daily/get-daily-view";

type Props = { params: Promise<{ key: string }> };

const loadDaily = cache(async (key: string) => {
  const actor = await currentActor();
  if (!actor) return { actor: null, view: null };
  try {
    return { actor, view: await getDailyView(actor, key) };
  } catch (e) {
    // Missing and not yours look alike (404), as in the API.
    if (isAppError(e) && e.code === "NOT_FOUND") return { actor, view: null };
    throw e;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { view } = await loadDaily((await params).key);
  return { title: view ? `Daily · ${view.service.name} · Obeya` : "Obeya" };
}

export default async function DailyPage({ params }: Props) {
  const { key } = await params;
  const { actor, view } = await loadDaily(key);
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/services/${key}/daily`)}`);
  if (!view) notFound();
  return <DailyView initial={view} />;
}
