import type { Metadata } from "next";
import { AcceptInviteForm } from "@/components/admin/accept-invite-form";

export const metadata: Metadata = { title: "Set your password · Obeya" };

type Props = { params: Promise<{ token: string }> };

// The secret stays in the link; it is checked (and spent) only when the password is posted.
export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  return (
    <main className="flex min-h-[calc(100vh-3.5rem)] items-center justify-center p-6">
      <section
        aria-labelledby="invite-title"
        className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      >
        <h1 id="invite-title" className="mb-1 text-2xl font-bold">
          Welcome to Obeya
        </h1>
        <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">Choose the password you will sign in with.</p>
        <AcceptInviteForm token={decodeURIComponent(token)} />
      </section>
    </main>
  );
}
