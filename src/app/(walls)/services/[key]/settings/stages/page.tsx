import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { currentActor } from "@/components/auth/current-actor";
import { StageSettings } from "@/components/stages/stage-settings";
import { isAppError } from "@/lib/errors";
import { listStagesToConfigure, type StageSettings as TStageSettings } from "@/server/services/stages/list-stages";

export const metadata: Metadata = { title: "Stages · Obeya" };

type Props = { params: Promise<{ key: string }> };

// The matrix decides on the server (service.configure on the service's team), in
// listStagesToConfigure; the commands the page sends check it again.
export default async function StageSettingsPage({ params }: Props) {
  const { key } = await params;
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/services/${key}/settings/stages`)}`);
  let settings: TStageSettings;
  try {
    settings = await listStagesToConfigure(actor, key);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    if (isAppError(e) && e.code === "FORBIDDEN") {
      return (
        <main className="mx-auto max-w-xl p-8 text-center" data-testid="stage-settings-forbidden">
          <h1 className="mb-2 text-2xl font-bold">Stages are configured by Service and Process Masters</h1>
          <p className="mb-6 text-slate-600 dark:text-slate-400">
            Your role in this service’s team may see its wall but not change its stages, WIP limits or definitions of done.
          </p>
          <Link href={`/services/${key}`} className="font-semibold text-sky-700 underline underline-offset-4 dark:text-sky-400">
            Back to the wall
          </Link>
        </main>
      );
    }
    throw e;
  }
  const { service, stages } = settings;
  return (
    <main className="mx-auto max-w-5xl p-6 sm:p-8">
      <p className="mb-1 text-sm">
        <Link href={`/services/${service.key}`} className="text-sky-700 underline underline-offset-4 dark:text-sky-400">
          {service.name}
        </Link>
      </p>
      <h1 className="mb-2 text-3xl font-bold">Stages</h1>
      <p className="mb-6 text-slate-600 dark:text-slate-400">
        The value stream left to right: each stage’s WIP limit, the age after which an item is waiting too long, and its definition of done (an item cannot leave a stage until every criterion is met).
      </p>
      <StageSettings serviceId={service.id} initialStages={stages} />
    </main>
  );
}
