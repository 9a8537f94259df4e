import Link from "next/link";
import { redirect } from "next/navigation";
import { currentActor } from "@/components/auth/current-actor";
import { allowedActions } from "@/lib/permissions-view";
import { NewServiceButton } from "@/components/create/new-service-button";
import type { ProblemCounts } from "@/domain/visual-control";
import { listServices } from "@/server/services/services/list-services";
import { serviceProblemCounts } from "@/server/services/services/service-problem-counts";
import { listTeamsForNewService } from "@/server/services/teams/list-teams-for-new-service";

export default async function HomePage() {
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  const [services, newServiceTeams] = await Promise.all([listServices(actor), listTeamsForNewService(actor)]);
  const counts = await serviceProblemCounts(actor, services.map((s) => s.id));

  return (
    <main className="mx-auto max-w-5xl p-6 sm:p-8">
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">Your services</h1>
        <div className="flex flex-wrap items-center gap-3">
          {services.length > 0 && (
            <Link
              href="/portfolio"
              className="rounded-md border border-slate-300 bg-white px-3 py-2 font-medium text-slate-900 hover:border-sky-400 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
            >
              Portfolio wall
            </Link>
          )}
          <NewServiceButton teams={newServiceTeams} />
        </div>
      </div>
      {services.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 p-10 text-center dark:border-slate-700">
          <p className="text-lg font-medium">No services yet.</p>
          <p className="mt-1 text-slate-600 dark:text-slate-400">
            You see the services of the teams you belong to. Ask a Service Master to add you to a team.
          </p>
        </div>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2" aria-label="Services">
          {services.map((s) => (
            <li key={s.id}>
              <Link
                href={`/services/${s.key}`}
                className="block h-full rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-sky-400 hover:shadow focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 dark:border-slate-800 dark:bg-slate-900"
              >
                <span className="flex items-baseline justify-between gap-3">
                  <span className="text-xl font-semibold">{s.name}</span>
                  {s.status !== "ACTIVE" && (
                    <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-medium dark:bg-slate-700">{s.status === "RETIRING" ? "Retiring" : "Retired"}</span>
                  )}
                </span>
                <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">
                  {s.team.name} · {s.itemCount} {s.itemCount === 1 ? "item" : "items"}
                </span>
                <ServiceHealth counts={counts.get(s.id)} />
                {s.description && <span className="mt-2 block text-slate-700 dark:text-slate-300">{s.description}</span>}
              </Link>
              {allowedActions(actor, { teamId: s.team.id, serviceId: s.id }).includes("token.manage") && (
                <Link
                  href={`/services/${s.key}/settings/tokens`}
                  className="mt-1 inline-block text-sm font-medium text-sky-700 underline underline-offset-4 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-400"
                >
                  Tokens of {s.name}
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

/** Visual control at a glance: the wall's open andons and problems, green when there are none. */
function ServiceHealth({ counts }: { counts: ProblemCounts | undefined }) {
  if (!counts) return null;
  const { andons, problems } = counts;
  if (andons === 0 && problems === 0) {
    return (
      <span data-testid="service-health" className="mt-2 inline-block rounded bg-emerald-100 px-2 py-0.5 text-sm font-semibold text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
        No problems
      </span>
    );
  }
  return (
    <span data-testid="service-health" className="mt-2 flex flex-wrap gap-2">
      {andons > 0 && (
        <span className="rounded bg-red-700 px-2 py-0.5 text-sm font-semibold text-white">
          {andons} open {andons === 1 ? "andon" : "andons"}
        </span>
      )}
      {problems > 0 && (
        <span className="rounded bg-amber-100 px-2 py-0.5 text-sm font-semibold text-amber-950 dark:bg-amber-900 dark:text-amber-50">
          {problems} {problems === 1 ? "problem" : "problems"}
        </span>
      )}
    </span>
  );
}
