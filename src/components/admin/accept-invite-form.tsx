"use client";

import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { callApi } from "@/lib/api-client";
import { buttonClass, Field, inputClass, Outcome } from "./ui";

export function AcceptInviteForm({ token }: { token: string }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const password = String(data.get("password") ?? "");
    if (password !== String(data.get("confirm") ?? "")) return setError("The two passwords differ.");
    setBusy(true);
    const res = await callApi("POST", "/api/v1/invites/accept", { token, password });
    setBusy(false);
    if (!res.ok) {
      return setError(res.status === 404 ? "This invitation is not valid any more: it was used or has expired. Ask your admin for a new one." : res.message);
    }
    setError(null);
    setDone(true);
  }

  if (done) {
    return (
      <div role="status">
        <p className="mb-4">Your password is set.</p>
        <Link href="/signin" className={buttonClass}>
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-describedby={error ? `${id}-error` : undefined}>
      <Field label="New password" htmlFor={`${id}-password`} hint="At least 10 characters.">
        <input id={`${id}-password`} name="password" type="password" required minLength={10} maxLength={200} autoComplete="new-password" className={inputClass} />
      </Field>
      <Field label="Repeat the password" htmlFor={`${id}-confirm`}>
        <input id={`${id}-confirm`} name="confirm" type="password" required minLength={10} maxLength={200} autoComplete="new-password" className={inputClass} />
      </Field>
      <button type="submit" className={buttonClass} disabled={busy}>
        {busy ? "Saving…" : "Set password"}
      </button>
      <div id={`${id}-error`}>
        <Outcome error={error} />
      </div>
    </form>
  );
}
