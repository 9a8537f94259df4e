"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import type { Action } from "@/domain/permissions";
import type { TAccessTokenSummary } from "@/lib/schemas/admin";
import { callApi } from "@/lib/api-client";
import { buttonClass, EmptyState, Field, inputClass, OneTimeSecret, Outcome, Section, secondaryButtonClass } from "./ui";
import { SubmitButton } from "@/components/ui/submit-button";
import { useSubmit } from "@/components/ui/use-submit";

type Props = { service: { id: string; key: string; name: string }; tokens: TAccessTokenSummary[]; actions: Action[] };

const when = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "never");

export function TokenManager({ service, tokens, actions }: Props) {
  const id = useId();
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [kind, setKind] = useState<"API" | "WALL">("WALL");
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null);
  const refresh = () => startTransition(() => router.refresh());
  const { busy, run } = useSubmit();

  async function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const scopes = data.getAll("scopes").map(String);
    if (kind === "API" && scopes.length === 0) return setError("Choose at least one action the machine may perform.");
    const res = await callApi<{ token: { name: string }; secret: string }>("POST", `/api/v1/services/${encodeURIComponent(service.id)}/tokens`, {
      kind,
      name: String(data.get("name") ?? ""),
      scopes: kind === "API" ? scopes : [],
    });
    if (!res.ok) return setError(res.message);
    setError(null);
    form.reset();
    setSuccess(`Token “${res.body.token.name}” created.`);
    setSecret(
      kind === "WALL"
        ? { label: "Wall display link", value: `${window.location.origin}/tv/${service.key}?token=${encodeURIComponent(res.body.secret)}` }
        : { label: "API token", value: res.body.secret },
    );
    refresh();
  }

  async function revoke(token: TAccessTokenSummary) {
    if (!window.confirm(`Revoke “${token.name}”? Whatever uses it stops at once.`)) return;
    const res = await callApi("DELETE", `/api/v1/tokens/${encodeURIComponent(token.id)}`);
    if (!res.ok) return setError(res.message);
    setError(null);
    setSuccess(`Token “${token.name}” revoked.`);
    refresh();
  }

  return (
    <div className="flex flex-col gap-6">
      <Section
        id={`${id}-new`}
        title="New token"
        description="Wall-display tokens show this service's wall on an office TV, read-only, without a session timeout. API tokens let a machine (CI/CD, monitoring) perform the actions you choose, on this service only."
      >
        <form onSubmit={(e) => { e.preventDefault(); void run(() => onCreate(e)); }} className="flex flex-col gap-4" aria-label="Create a token">
          <fieldset className="flex gap-4">
            <legend className="mb-1 text-sm font-medium">Kind</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value="WALL" checked={kind === "WALL"} onChange={() => setKind("WALL")} className="size-4" />
              Wall display
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value="API" checked={kind === "API"} onChange={() => setKind("API")} className="size-4" />
              API (machine)
            </label>
          </fieldset>
          <Field label="Name" htmlFor={`${id}-name`} hint="Where it is used, e.g. “Office TV 2nd floor” or “GitLab pipeline”.">
            <input id={`${id}-name`} name="name" required maxLength={80} className={inputClass} autoComplete="off" />
          </Field>
          {kind === "API" && (
            <fieldset className="grid gap-x-4 gap-y-1 sm:grid-cols-3">
              <legend className="mb-1 text-sm font-medium">Actions this token may perform</legend>
              {actions.map((a) => (
                <label key={a} className="flex items-center gap-2 font-mono text-xs">
                  <input type="checkbox" name="scopes" value={a} className="size-4" />
                  {a}
                </label>
              ))}
            </fieldset>
          )}
          <div>
            <SubmitButton busy={busy} className={buttonClass}>
              Create token
            </SubmitButton>
          </div>
        </form>
        <Outcome error={error} success={success} />
        {secret && <OneTimeSecret label={secret.label} value={secret.value} note="Shown once: only a hash is kept. Copy it now." />}
      </Section>

      <Section id={`${id}-list`} title="Tokens of this service">
        {tokens.length === 0 ? (
          <EmptyState>No tokens yet.</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Tokens of {service.name}</caption>
              <thead className="border-b border-slate-200 text-slate-600 dark:border-slate-700 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-2 pr-3">Name</th>
                  <th scope="col" className="py-2 pr-3">Kind</th>
                  <th scope="col" className="py-2 pr-3">Actions</th>
                  <th scope="col" className="py-2 pr-3">Created</th>
                  <th scope="col" className="py-2 pr-3">Status</th>
                  <th scope="col" className="py-2">
                    <span className="sr-only">Revoke</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800" data-testid="token-row">
                    <th scope="row" className="py-2 pr-3 font-medium">{t.name}</th>
                    <td className="py-2 pr-3">{t.kind === "WALL" ? "Wall display" : "API"}</td>
                    <td className="py-2 pr-3 font-mono text-xs">{t.kind === "WALL" ? "read-only" : t.scopes.join(", ")}</td>
                    <td className="py-2 pr-3">{when(t.createdAt)}</td>
                    <td className="py-2 pr-3">{t.revokedAt ? `Revoked ${when(t.revokedAt)}` : "Active"}</td>
                    <td className="py-2 text-right">
                      {!t.revokedAt && (
                        <button type="button" className={secondaryButtonClass} disabled={busy} onClick={() => void run(() => revoke(t))}>
                          Revoke {t.name}
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
    </div>
  );
}
