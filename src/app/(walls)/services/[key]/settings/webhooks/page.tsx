import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { WebhookManager } from "@/components/admin/webhook-manager";
import { currentActor } from "@/components/auth/current-actor";
import { isAppError } from "@/lib/errors";
import { listWebhooks } from "@/server/services/webhooks/list-webhooks";

export const metadata: Metadata = { title: "Webhooks · Obeya" };

type Props = { params: Promise<{ key: string }> };

// The matrix decides on the server (webhook.manage on the service's team), in listWebhooks.
export default async function WebhookSettingsPage({ params }: Props) {
  const { key } = await params;
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/services/${key}/settings/webhooks`)}`);
  let settings: Awaited<ReturnType<typeof listWebhooks>>;
  try {
    settings = await listWebhooks(actor, key);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    if (isAppError(e) && e.code === "FORBIDDEN") {
      return (
        <main className="mx-auto max-w-xl p-8 text-center">
          <h1 className="mb-2 text-2xl font-bold">Webhooks are managed by the Service Master</h1>
          <p className="mb-6 text-slate-600 dark:text-slate-400">
            The service’s Service Master (or an admin) decides which events leave Obeya and where they go.
          </p>
          <Link href={`/services/${key}`} className="font-semibold text-sky-700 underline underline-offset-4 dark:text-sky-400">
            Back to the wall
          </Link>
        </main>
      );
    }
    throw e;
  }
  const { service, webhooks } = settings;
  return (
    <main className="mx-auto max-w-5xl p-6 sm:p-8">
      <p className="mb-1 text-sm">
        <Link href={`/services/${service.key}`} className="text-sky-700 underline underline-offset-4 dark:text-sky-400">
          {service.name}
        </Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">Webhooks</h1>
      <WebhookManager service={{ id: service.id, key: service.key, name: service.name }} webhooks={webhooks} />
    </main>
  );
}
