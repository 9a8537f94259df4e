import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { TokenManager } from "@/components/admin/token-manager";
import { currentActor } from "@/components/auth/current-actor";
import { ACTIONS } from "@/domain/permissions";
import { isAppError } from "@/lib/errors";
import { getTokenSettings } from "@/server/services/tokens/get-token-settings";
import { toScopes } from "@/server/services/tokens/token-dto";

export const metadata: Metadata = { title: "Tokens · Obeya" };

type Props = { params: Promise<{ key: string }> };

// The matrix decides on the server (token.manage on the service's team), in getTokenSettings.
export default async function TokenSettingsPage({ params }: Props) {
  const { key } = await params;
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/services/${key}/settings/tokens`)}`);
  let settings: Awaited<ReturnType<typeof getTokenSettings>>;
  try {
    settings = await getTokenSettings(actor, key);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    if (isAppError(e) && e.code === "FORBIDDEN") {
      return (
        <main className="mx-auto max-w-xl p-8 text-center">
          <h1 className="mb-2 text-2xl font-bold">Tokens are managed by token managers</h1>
          <p className="mb-6 text-slate-600 dark:text-slate-400">
            Service Masters, Process Masters and DevOps engineers of the service’s team create and revoke its tokens.
          </p>
          <Link href={`/services/${key}`} className="font-semibold text-sky-700 underline underline-offset-4 dark:text-sky-400">
            Back to the wall
          </Link>
        </main>
      );
    }
    throw e;
  }
  const { service, tokens } = settings;
  return (
    <main className="mx-auto max-w-5xl p-6 sm:p-8">
      <p className="mb-1 text-sm">
        <Link href={`/services/${service.key}`} className="text-sky-700 underline underline-offset-4 dark:text-sky-400">
          {service.name}
        </Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">Tokens</h1>
      <TokenManager
        service={{ id: service.id, key: service.key, name: service.name }}
        tokens={tokens.map((t) => ({ ...t, kind: t.kind as "API" | "WALL", scopes: toScopes(t.scopes) }))}
        actions={[...ACTIONS]}
      />
    </main>
  );
}
