"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { ROLE_LABELS, ROLES, type Role } from "@/domain/roles";
import type { TOrganizationSummary, TTeamSummary, TUserSummary } from "@/lib/schemas/admin";
import { callApi } from "@/lib/api-client";
import { buttonClass, EmptyState, Field, inputClass, OneTimeSecret, Outcome, Section, secondaryButtonClass } from "./ui";
import { SubmitButton } from "@/components/ui/submit-button";
import { useSubmit } from "@/components/ui/use-submit";

type Props = { users: TUserSummary[]; teams: TTeamSummary[]; organizations: TOrganizationSummary[]; selfId: string };

// ADMIN is a flag on the user, never a team role.
const TEAM_ROLES = ROLES.filter((r) => r !== "ADMIN");

/** After a change, reload the server's view of the organisation (the page is the source of truth). */
function useRefresh() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return { pending, refresh: () => startTransition(() => router.refresh()) };
}

export function AdminConsole({ users, teams, organizations, selfId }: Props) {
  return (
    <div className="flex flex-col gap-6">
      <UsersSection users={users} selfId={selfId} />
      <TeamsSection users={users} teams={teams} organizations={organizations} />
      <LayoutSection organizations={organizations} />
      <PoolsSection teams={teams} />
    </div>
  );
}

function UsersSection({ users, selfId }: { users: TUserSummary[]; selfId: string }) {
  const id = useId();
  const { refresh } = useRefresh();
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [inviteUrl, setInviteUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const password = String(data.get("password") ?? "");
    setBusy(true);
    setError(null);
    setInviteUrl(null);
    const res = await callApi<{ user: { email: string }; inviteUrl: string | null }>("POST", "/api/v1/admin/users", {
      name: String(data.get("name") ?? ""),
      email: String(data.get("email") ?? ""),
      isAdmin: data.get("isAdmin") === "on",
      ...(password ? { password } : {}),
    });
    setBusy(false);
    if (!res.ok) return setError(res.message);
    form.reset();
    setSuccess(res.body.inviteUrl ? `Invited ${res.body.user.email}.` : `Created ${res.body.user.email}; they can sign in now.`);
    setInviteUrl(res.body.inviteUrl);
    refresh();
  }

  async function setDisabled(user: TUserSummary, disabled: boolean) {
    setError(null);
    const res = await callApi("PATCH", `/api/v1/admin/users/${encodeURIComponent(user.id)}`, { disabled });
    if (!res.ok) return setError(res.message);
    setSuccess(`${user.name} is ${disabled ? "disabled: their sessions have ended" : "enabled again"}.`);
    refresh();
  }

  return (
    <Section id={`${id}-users`} title="Users" description="Invite people by email; they set their own password through a one-time link.">
      <form onSubmit={onCreate} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" aria-label="Invite a user">
        <Field label="Name" htmlFor={`${id}-name`}>
          <input id={`${id}-name`} name="name" required maxLength={120} className={inputClass} autoComplete="off" />
        </Field>
        <Field label="Email" htmlFor={`${id}-email`}>
          <input id={`${id}-email`} name="email" type="email" required maxLength={200} className={inputClass} autoComplete="off" />
        </Field>
        <Field label="Password (optional)" htmlFor={`${id}-password`} hint="Empty: send an invitation link instead.">
          <input id={`${id}-password`} name="password" type="password" minLength={10} maxLength={200} className={inputClass} autoComplete="new-password" />
        </Field>
        <label className="flex items-center gap-2 text-sm lg:pb-2">
          <input type="checkbox" name="isAdmin" className="size-4" /> Admin
        </label>
        <button type="submit" className={buttonClass} disabled={busy}>
          {busy ? "Saving…" : "Invite user"}
        </button>
      </form>
      <Outcome error={error} success={success} />
      {inviteUrl && (
        <OneTimeSecret label="Invitation link" value={inviteUrl} note="Shown once: send it to the person now. It works once and for 7 days." />
      )}
      {users.length === 0 ? (
        <EmptyState>No users yet.</EmptyState>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Users</caption>
            <thead className="border-b border-slate-200 text-slate-600 dark:border-slate-700 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-2 pr-3">Name</th>
                <th scope="col" className="py-2 pr-3">Email</th>
                <th scope="col" className="py-2 pr-3">Status</th>
                <th scope="col" className="py-2 pr-3">Teams and roles</th>
                <th scope="col" className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800" data-testid="user-row">
                  <th scope="row" className="py-2 pr-3 font-medium">
                    {u.name}
                    {u.isAdmin && <span className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-800 dark:bg-sky-900 dark:text-sky-100">Admin</span>}
                  </th>
                  <td className="py-2 pr-3">{u.email}</td>
                  <td className="py-2 pr-3">{u.disabled ? "Disabled" : u.invitePending ? "Invited" : "Active"}</td>
                  <td className="py-2 pr-3">
                    {u.memberships.length === 0
                      ? "—"
                      : u.memberships.map((m) => `${m.teamName}: ${ROLE_LABELS[m.role]}`).join(", ")}
                  </td>
                  <td className="py-2 text-right">
                    {u.id !== selfId && (
                      <button type="button" className={secondaryButtonClass} onClick={() => void setDisabled(u, !u.disabled)}>
                        {u.disabled ? `Enable ${u.name}` : `Disable ${u.name}`}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function TeamsSection({ users, teams, organizations }: { users: TUserSummary[]; teams: TTeamSummary[]; organizations: TOrganizationSummary[] }) {
  const id = useId();
  const { refresh } = useRefresh();
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [teamId, setTeamId] = useState(teams[0]?.id ?? "");
  const [userId, setUserId] = useState(users[0]?.id ?? "");
  const current = teams.find((t) => t.id === teamId)?.members.find((m) => m.userId === userId)?.roles ?? [];
  const [roles, setRoles] = useState<Role[] | null>(null);
  const chosen = roles ?? current;
  const { busy, run } = useSubmit();

  async function onCreateTeam(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const kind = String(data.get("kind"));
    const res = await callApi<{ name: string }>("POST", "/api/v1/admin/teams", {
      orgId: String(data.get("orgId")),
      name: String(data.get("name") ?? ""),
      kind,
      discipline: kind === "POOL" ? String(data.get("discipline") ?? "") || null : null,
    });
    if (!res.ok) return setError(res.message);
    setError(null);
    form.reset();
    setSuccess(`Team “${res.body.name}” created.`);
    refresh();
  }

  async function onSetRoles(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!teamId || !userId) return setError("Choose a team and a person first.");
    const res = await callApi<{ roles: Role[] }>("PUT", `/api/v1/admin/teams/${encodeURIComponent(teamId)}/members`, { userId, roles: chosen });
    if (!res.ok) return setError(res.message);
    setError(null);
    setRoles(null);
    const who = users.find((u) => u.id === userId)?.name ?? "The member";
    setSuccess(res.body.roles.length ? `${who} now holds: ${res.body.roles.map((r) => ROLE_LABELS[r]).join(", ")}.` : `${who} was removed from the team.`);
    refresh();
  }

  const toggle = (role: Role) => setRoles(chosen.includes(role) ? chosen.filter((r) => r !== role) : [...chosen, role]);

  return (
    <Section id={`${id}-teams`} title="Teams and roles" description="A person may hold several roles in several teams. Removing every role removes them from the team.">
      {organizations.length === 0 ? (
        <EmptyState>No organisation yet: the first start creates one.</EmptyState>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); void run(() => onCreateTeam(e)); }} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" aria-label="Create a team">
          <Field label="Organisation" htmlFor={`${id}-org`}>
            <select id={`${id}-org`} name="orgId" className={inputClass}>
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Team name" htmlFor={`${id}-team-name`}>
            <input id={`${id}-team-name`} name="name" required maxLength={80} className={inputClass} autoComplete="off" />
          </Field>
          <Field label="Kind" htmlFor={`${id}-kind`}>
            <select id={`${id}-kind`} name="kind" className={inputClass} defaultValue="DELIVERY">
              <option value="DELIVERY">Delivery team</option>
              <option value="POOL">Expert pool</option>
            </select>
          </Field>
          <Field label="Discipline (pools)" htmlFor={`${id}-discipline`}>
            <input id={`${id}-discipline`} name="discipline" maxLength={60} className={inputClass} placeholder="e.g. operations" />
          </Field>
          <SubmitButton busy={busy} className={buttonClass}>
            Create team
          </SubmitButton>
        </form>
      )}

      {teams.length === 0 ? (
        <div className="mt-4">
          <EmptyState>No teams yet. Create one above, then give people roles in it.</EmptyState>
        </div>
      ) : (
        <>
          <ul className="mt-4 grid gap-3 md:grid-cols-2" aria-label="Teams">
            {teams.map((t) => (
              <li key={t.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-800" data-testid="team-card">
                <h3 className="font-semibold">
                  {t.name}{" "}
                  <span className="text-xs font-normal text-slate-500">
                    {t.kind === "POOL" ? `Pool${t.discipline ? ` · ${t.discipline}` : ""}` : "Delivery"}
                  </span>
                </h3>
                {t.members.length === 0 ? (
                  <p className="text-sm text-slate-500">No members yet.</p>
                ) : (
                  <ul className="mt-1 text-sm">
                    {t.members.map((m) => (
                      <li key={m.userId}>
                        {m.name}: {m.roles.map((r) => ROLE_LABELS[r]).join(", ")}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>

          <form onSubmit={(e) => { e.preventDefault(); void run(() => onSetRoles(e)); }} className="mt-5 flex flex-col gap-3" aria-label="Set a member's roles">
            <h3 className="font-semibold">Set a member’s roles</h3>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label="Team" htmlFor={`${id}-role-team`}>
                <select id={`${id}-role-team`} value={teamId} onChange={(e) => (setTeamId(e.target.value), setRoles(null))} className={inputClass}>
                  {teams.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Person" htmlFor={`${id}-role-user`}>
                <select id={`${id}-role-user`} value={userId} onChange={(e) => (setUserId(e.target.value), setRoles(null))} className={inputClass}>
                  {users.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name} ({u.email})
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <fieldset className="flex flex-wrap gap-x-4 gap-y-2">
              <legend className="mb-1 text-sm font-medium">Roles in this team</legend>
              {TEAM_ROLES.map((role) => (
                <label key={role} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" className="size-4" checked={chosen.includes(role)} onChange={() => toggle(role)} />
                  {ROLE_LABELS[role]}
                </label>
              ))}
            </fieldset>
            <div>
              <SubmitButton busy={busy} className={buttonClass}>
                Save roles
              </SubmitButton>
            </div>
          </form>
        </>
      )}
      <Outcome error={error} success={success} />
    </Section>
  );
}

function LayoutSection({ organizations }: { organizations: TOrganizationSummary[] }) {
  const { busy, run } = useSubmit();
  const id = useId();
  const { refresh } = useRefresh();
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);

  async function onSave(e: FormEvent<HTMLFormElement>, org: TOrganizationSummary) {
    e.preventDefault();
    const layout = String(new FormData(e.currentTarget).get("layout"));
    const res = await callApi("PUT", `/api/v1/admin/organizations/${encodeURIComponent(org.id)}/layout`, { layout });
    if (!res.ok) return setError(res.message);
    setError(null);
    setSuccess(`${org.name} is now laid out ${layout === "MATRIX" ? "as a matrix" : "flat"}.`);
    refresh();
  }

  return (
    <Section
      id={`${id}-layout`}
      title="Organisation layout"
      description="Flat: one team does everything. Matrix: experts are pooled by discipline and assigned to Service Masters’ delivery teams."
    >
      {organizations.length === 0 ? (
        <EmptyState>No organisation yet.</EmptyState>
      ) : (
        organizations.map((org) => (
          <form key={org.id} onSubmit={(e) => { e.preventDefault(); void run(() => onSave(e, org)); }} className="flex flex-wrap items-end gap-4" aria-label={`Layout of ${org.name}`}>
            <fieldset className="flex gap-4">
              <legend className="mb-1 text-sm font-medium">{org.name}</legend>
              {(["FLAT", "MATRIX"] as const).map((layout) => (
                <label key={layout} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="layout" value={layout} defaultChecked={org.layout === layout} className="size-4" />
                  {layout === "FLAT" ? "Flat" : "Matrix"}
                </label>
              ))}
            </fieldset>
            <SubmitButton busy={busy} className={secondaryButtonClass}>
              Save layout
            </SubmitButton>
          </form>
        ))
      )}
      <Outcome error={error} success={success} />
    </Section>
  );
}

function PoolsSection({ teams }: { teams: TTeamSummary[] }) {
  const id = useId();
  const { refresh, pending } = useRefresh();
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const pools = teams.filter((t) => t.kind === "POOL");

  async function toggle(pool: TTeamSummary, delivery: TTeamSummary, assigned: boolean) {
    const res = await callApi("PUT", "/api/v1/admin/pool-assignments", { poolTeamId: pool.id, deliveryTeamId: delivery.id, assigned });
    if (!res.ok) return setError(res.message);
    setError(null);
    setSuccess(assigned ? `${pool.name} now works with ${delivery.name}.` : `${pool.name} was withdrawn from ${delivery.name}.`);
    refresh();
  }

  return (
    <Section id={`${id}-pools`} title="Pools" description="A pool’s members act with their roles in every delivery team the pool is assigned to.">
      {pools.length === 0 ? (
        <EmptyState>No expert pools. Create a team of kind “Expert pool” above.</EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {pools.map((pool) => {
            const deliveries = teams.filter((t) => t.kind === "DELIVERY" && t.orgId === pool.orgId);
            return (
              <fieldset key={pool.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-800" disabled={pending}>
                <legend className="px-1 font-semibold">{pool.name}</legend>
                {deliveries.length === 0 ? (
                  <p className="text-sm text-slate-500">No delivery team in this organisation yet.</p>
                ) : (
                  deliveries.map((d) => (
                    <label key={d.id} className="flex items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        className="size-4"
                        checked={pool.servesTeamIds.includes(d.id)}
                        onChange={(e) => void toggle(pool, d, e.target.checked)}
                      />
                      Assigned to {d.name}
                    </label>
                  ))
                )}
              </fieldset>
            );
          })}
        </div>
      )}
      <Outcome error={error} success={success} />
    </Section>
  );
}
