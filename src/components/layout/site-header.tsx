import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { currentActor } from "@/components/auth/current-actor";
import { can } from "@/domain/permissions";

export async function SiteHeader() {
  const actor = await currentActor();
  return (
    <header className="flex h-14 items-center justify-between gap-4 bg-slate-900 px-4 text-slate-100 sm:px-6">
      <Link href="/" className="text-lg font-bold tracking-tight focus-visible:outline-2 focus-visible:outline-sky-400">
        Obeya
      </Link>
      {actor?.kind === "user" && (
        <nav aria-label="Account" className="flex items-center gap-3">
          <Link href="/portfolio" className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-200 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-sky-400">
            Portfolio
          </Link>
          {actor.isAdmin && can(actor, "team.manage", { global: true }) && (
            <Link href="/admin" className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-200 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-sky-400">
              Admin
            </Link>
          )}
          <span className="text-sm text-slate-300" data-testid="signed-in-as">
            {actor.name}
          </span>
          <SignOutButton />
        </nav>
      )}
    </header>
  );
}
