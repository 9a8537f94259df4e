import Link from "next/link";

export default function ProblemNotFound() {
  return (
    <main className="mx-auto max-w-xl p-8 text-center">
      <h1 className="mb-2 text-2xl font-bold">Problem not found</h1>
      <p className="mb-6 text-balance text-slate-600 dark:text-slate-400">It does not exist, or it belongs to a service of a team you are not a member of.</p>
      <Link href="/" className="font-semibold text-sky-700 underline underline-offset-4 dark:text-sky-400">
        Back to your services
      </Link>
    </main>
  );
}
