"use client";

import { signIn } from "next-auth/react";
import { useId, useState, type FormEvent } from "react";

type Props = {
  callbackUrl: string;
  // Name of the OpenID Connect provider when one is configured (null: no SSO button).
  ssoName: string | null;
  // An error next-auth put in the URL (e.g. after a refused SSO sign-in).
  initialError: string | null;
};

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  AccessDenied: "Your account may not sign in here. Ask an admin to invite you.",
  OAuthSignin: "Single sign-on could not start. Try again.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  SessionRequired: "Sign in to see that page.",
};

function describe(code: string): string {
  return MESSAGES[code] ?? "Sign-in failed. Try again.";
}

/**
 * next-auth's credentials callback, posted directly rather than through `signIn()`: that one
 * cannot read our 429 answer (too many failures), and a person locked out must be told why.
 * Returns "ok" once the session cookie is set, else the message to show.
 */
async function signInWithPassword(email: string, password: string, callbackUrl: string): Promise<string> {
  const csrf = (await (await fetch("/api/auth/csrf", { credentials: "same-origin" })).json()) as { csrfToken: string };
  const res = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken: csrf.csrfToken, callbackUrl, json: "true" }),
  });
  const body = (await res.json().catch(() => null)) as { url?: string; error?: { message?: string } } | null;
  if (res.status === 429) return body?.error?.message ?? "Too many failed sign-ins. Wait a minute and try again.";
  const code = body?.url ? new URL(body.url, window.location.origin).searchParams.get("error") : "CredentialsSignin";
  if (!res.ok || code) return describe(code ?? "CredentialsSignin");
  return "ok";
}

export function SignInForm({ callbackUrl, ssoName, initialError }: Props) {
  const [error, setError] = useState<string | null>(initialError ? describe(initialError) : null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const result = await signInWithPassword(String(form.get("email") ?? "").trim(), String(form.get("password") ?? ""), callbackUrl);
      if (result !== "ok") {
        setError(result);
        setBusy(false);
        return;
      }
      // A full navigation, so the server components render with the new session cookie.
      window.location.assign(callbackUrl);
    } catch {
      setError("The server could not be reached. Try again.");
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-describedby={error ? errorId : undefined} noValidate>
        <div className="flex flex-col gap-1">
          <label htmlFor="email" className="text-sm font-medium">
            Email
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="password" className="text-sm font-medium">
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={error ? true : undefined}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
          />
        </div>
        {error && (
          <p id={errorId} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm font-medium text-red-800 dark:bg-red-950 dark:text-red-200">
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={busy}
          className="rounded-md bg-sky-700 px-4 py-2 text-base font-semibold text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-60"
        >
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {ssoName && (
        <>
          <div className="flex items-center gap-3 text-sm text-slate-500" aria-hidden="true">
            <span className="h-px flex-1 bg-slate-300 dark:bg-slate-700" />
            or
            <span className="h-px flex-1 bg-slate-300 dark:bg-slate-700" />
          </div>
          <button
            type="button"
            onClick={() => void signIn("oidc", { callbackUrl })}
            className="rounded-md border border-slate-300 px-4 py-2 text-base font-semibold hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Sign in with {ssoName}
          </button>
        </>
      )}
    </div>
  );
}
