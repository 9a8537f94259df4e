import Link from "next/link";
import type { PoolMatrix } from "@/domain/pool-matrix";

const ROLE_LABEL: Record<string, string> = {
  ADMIN: "Admin",
  PROCESS_MASTER: "Process Master",
  SERVICE_MASTER: "Service Master",
  DEVOPS_ENGINEER: "DevOps engineer",
  GATEKEEPER: "Gatekeeper",
  RELIABILITY_ENGINEER: "Reliability engineer",
  DEVELOPER: "Developer",
  OPERATIONS: "Operations",
  VIEWER: "Viewer",
};

/**
 * The matrix view of the portfolio: expert pools × the services the person may see — who from
 * which pool works for which Service Master's team — and who is spread over too many teams.
 * Server-rendered from getPoolMatrix (scoped by the person's teams).
 */
export function PoolMatrixView({ matrix }: { matrix: PoolMatrix & { layout: "FLAT" | "MATRIX" } }) {
  const { columns, pools, spread, limit } = matrix;
  return (
    <main className="mx-auto max-w-[1800px] p-4 sm:p-6">
      <div className="mb-4">
        <p className="text-base">
          <Link href="/portfolio" className="text-sky-800 underline underline-offset-4 dark:text-sky-300">
            ← Portfolio
          </Link>
        </p>
        <h1 className="text-3xl font-bold">Expert pools × services</h1>
        <p className="max-w-3xl text-slate-700 dark:text-slate-300">
          Who from which pool works for which Service Master&apos;s team. Someone working for more than {limit} teams is <strong>spread too thin</strong>: counted over
          the teams whose services you can see, as a member or through a pool.
        </p>
      </div>

      <section aria-labelledby="spread-heading" className="mb-6" data-testid="matrix-spread">
        <h2 id="spread-heading" className="mb-2 text-xl font-semibold">
          Spread over more than {limit} teams ({spread.length})
        </h2>
        {spread.length === 0 ? (
          <p className="rounded-lg bg-emerald-100 px-3 py-2 font-semibold text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100">Nobody is spread over more than {limit} teams.</p>
        ) : (
          <ul className="flex flex-col gap-1">
            {spread.map((p) => (
              <li key={p.userId} data-testid="matrix-spread-person" className="rounded-lg border-l-4 border-red-600 bg-red-50 px-3 py-1.5 text-red-950 dark:bg-red-950 dark:text-red-50">
                <span className="font-bold">{p.name}</span>: {p.teamCount} teams ({p.teamNames.join(", ")}){p.poolNames.length > 0 ? ` · pool ${p.poolNames.join(", ")}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      {pools.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
          <p className="text-lg font-medium">No expert pool works for the teams you see.</p>
          <p className="mt-1 text-slate-700 dark:text-slate-400">
            {matrix.layout === "FLAT" ? "Your organisation is flat: each team has its own people." : "An admin assigns pools to delivery teams at /admin."}
          </p>
        </div>
      ) : (
        // The table scrolls sideways by itself on a narrow screen (the page never does).
        <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900" tabIndex={0} role="region" aria-label="Pools and services">
          <table className="min-w-full border-collapse text-sm" data-testid="pool-matrix">
            <caption className="sr-only">Expert pools (rows, each with its members) by service (columns): a check where the person works for the service&apos;s team</caption>
            <thead>
              <tr className="bg-slate-100 dark:bg-slate-800">
                <th scope="col" className="sticky left-0 bg-slate-100 px-3 py-2 text-left dark:bg-slate-800">
                  Pool and member
                </th>
                {columns.map((c) => (
                  <th key={c.serviceId} scope="col" className="min-w-36 px-3 py-2 text-left align-bottom font-semibold" data-testid="matrix-column">
                    <Link href={`/services/${c.key}`} className="underline-offset-4 hover:underline">
                      {c.name}
                    </Link>
                    <span className="block text-xs font-normal text-slate-700 dark:text-slate-300">
                      {c.teamName}
                      {c.serviceMasters.length > 0 ? ` · Service Master ${c.serviceMasters.join(", ")}` : " · no Service Master"}
                    </span>
                  </th>
                ))}
                <th scope="col" className="px-3 py-2 text-right">
                  Teams
                </th>
              </tr>
            </thead>
            {pools.map((pool) => (
              <tbody key={pool.id} data-testid="matrix-pool" data-pool={pool.name}>
                <tr className="border-t-2 border-slate-300 bg-slate-50 dark:border-slate-700 dark:bg-slate-950">
                  <th scope="colgroup" colSpan={columns.length + 2} className="sticky left-0 px-3 py-1.5 text-left text-base font-bold">
                    {pool.name}
                    {pool.discipline && <span className="ml-2 font-normal text-slate-700 dark:text-slate-300">{pool.discipline}</span>}
                    <span className="ml-2 text-sm font-normal text-slate-700 dark:text-slate-300">
                      · {pool.members.length} {pool.members.length === 1 ? "member" : "members"}
                    </span>
                  </th>
                </tr>
                {pool.members.length === 0 && (
                  <tr>
                    <td colSpan={columns.length + 2} className="px-3 py-1.5 text-slate-700 dark:text-slate-300">
                      No members yet.
                    </td>
                  </tr>
                )}
                {pool.members.map((m) => (
                  <tr key={m.userId} data-testid="matrix-person" data-spread={m.spread ? "true" : "false"} className="border-t border-slate-200 dark:border-slate-800">
                    <th scope="row" className="sticky left-0 bg-white px-3 py-1.5 text-left font-medium dark:bg-slate-900">
                      {m.name}
                      <span className="block text-xs font-normal text-slate-700 dark:text-slate-300">{m.roles.map((r) => ROLE_LABEL[r] ?? r).join(", ")}</span>
                    </th>
                    {columns.map((c) => {
                      const works = m.serviceIds.includes(c.serviceId);
                      return (
                        <td key={c.serviceId} className={`px-3 py-1.5 text-center ${works ? "bg-sky-50 dark:bg-sky-950" : ""}`} data-works={works ? "true" : "false"}>
                          {works ? (
                            <>
                              <span aria-hidden="true" className="font-bold text-sky-900 dark:text-sky-200">
                                ✓
                              </span>
                              <span className="sr-only">works for {c.name}</span>
                            </>
                          ) : (
                            <span className="sr-only">not on {c.name}</span>
                          )}
                        </td>
                      );
                    })}
                    <td className="px-3 py-1.5 text-right tabular-nums">
                      {m.spread ? <strong className="rounded bg-red-700 px-2 py-0.5 text-white">{m.teamCount} · too many</strong> : m.teamCount}
                    </td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
    </main>
  );
}
