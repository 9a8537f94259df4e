import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackUrl } from "@/components/auth/callback-url";
import { currentActor } from "@/components/auth/current-actor";
import { SignInForm } from "@/components/auth/signin-form";
import { authOptions } from "@/server/auth/auth-options";

export const metadata: Metadata = { title: "Sign in · Obeya" };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await currentActor()) redirect(callbackUrl);

  // Read from the same options next-auth runs with, so the button shows exactly when SSO works.
  const sso = authOptions().providers.find((p) => p.id === "oidc");
  const error = Array.isArray(params.error) ? params.error[0] : params.error;

  return (
    <main className="flex min-h-[calc(100vh-3.5rem)] items-center justify-center p-6">
      <section
        aria-labelledby="signin-title"
        className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      >
        <h1 id="signin-title" className="mb-1 text-2xl font-bold">
          Sign in to Obeya
        </h1>
        <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">The war room of your IT services.</p>
        <SignInForm callbackUrl={callbackUrl} ssoName={sso ? sso.name : null} initialError={error ?? null} />
      </section>
    </main>
  );
}
