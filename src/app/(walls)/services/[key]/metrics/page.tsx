import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentActor } from "@/components/auth/current-actor";
import { MetricsWall } from "@/components/metrics/metrics-wall";
import { isAppError } from "@/lib/errors";
import { getServiceMetrics } from "@/server/services/metrics/get-service-metrics";

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

// One read per request, shared by the metadata and the page. A bad period in the address shows
// the default period with the reason, rather than an error page.
const loadMetrics = cache(async (key: string, from?: string, to?: string) => {
  const actor = await currentActor();
  if (!actor) return { actor: null, metrics: null, periodError: null };
  try {
    return { actor, metrics: await getServiceMetrics(actor, key, { from, to }), periodError: null };
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return { actor, metrics: null, periodError: null };
    if (isAppError(e) && e.code === "VALIDATION_FAILED") return { actor, metrics: await getServiceMetrics(actor, key), periodError: e.message };
    throw e;
  }
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const sp = await searchParams;
  const { metrics } = await loadMetrics((await params).key, one(sp.from), one(sp.to));
  return { title: metrics ? `Metrics · ${metrics.service.name} · Obeya` : "Obeya" };
}

export default async function MetricsPage({ params, searchParams }: Props) {
  const { key } = await params;
  const sp = await searchParams;
  const { actor, metrics, periodError } = await loadMetrics(key, one(sp.from), one(sp.to));
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/services/${key}/metrics`)}`);
  if (!metrics) notFound();
  // The period as asked (a relative default follows "now" on every live refetch).
  return <MetricsWall initial={metrics} asked={{ from: periodError ? undefined : one(sp.from), to: periodError ? undefined : one(sp.to) }} periodError={periodError} />;
}
