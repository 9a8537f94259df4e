import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AdminConsole } from "@/components/admin/admin-console";
import { currentActor } from "@/components/auth/current-actor";
import { can } from "@/domain/permissions";
import { listTeams } from "@/server/services/teams/list-teams";
import { listUsers } from "@/server/services/users/list-users";

export const metadata: Metadata = { title: "Administration · Obeya" };

// Checked here on the server with the matrix (and again by every service the page calls):
// never by a layout or the header's link alone.
export default async function AdminPage() {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent("/admin")}`);
  if (actor.kind !== "user" || !actor.isAdmin || !can(actor, "team.manage", { global: true })) {
    return (
      <main className="mx-auto max-w-xl p-8 text-center">
        <h1 className="mb-2 text-2xl font-bold">Administration is for admins</h1>
        <p className="text-slate-600 dark:text-slate-400">Ask an admin if you need a user, a team or a role changed.</p>
      </main>
    );
  }
  const [users, { teams, organizations }] = await Promise.all([listUsers(actor), listTeams(actor)]);
  return (
    <main className="mx-auto max-w-6xl p-6 sm:p-8">
      <h1 className="mb-6 text-3xl font-bold">Administration</h1>
      <AdminConsole users={users} teams={teams} organizations={organizations} selfId={actor.userId} />
    </main>
  );
}
