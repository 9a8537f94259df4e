import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found · Obeya" };

// Every address no route answers (and every notFound() without a nearer not-found.tsx): the
// site's own page, answered with status 404, with a way back instead of Next's bare default.
export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl p-8 text-center" data-testid="not-found">
      <p className="mb-2 text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">Error 404</p>
      <h1 className="mb-2 text-2xl font-bold">Page not found</h1>
      <p className="mb-6 text-balance text-slate-600 dark:text-slate-400">
        Nothing lives at this address. The link may be mistyped, or what it pointed to was removed.
      </p>
      <Link
        href="/"
        className="inline-block rounded-md bg-slate-900 px-4 py-2 font-semibold text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-white"
      >
        Back to your services
      </Link>
    </main>
  );
}
