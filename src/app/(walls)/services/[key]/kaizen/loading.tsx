// Shown while the Kaizen wall or a problem sheet is read on the server.
export default function KaizenLoading() {
  return (
    <div role="status" aria-live="polite" className="mx-auto flex max-w-7xl flex-col gap-4 px-4 py-6 sm:px-6">
      <p className="text-lg font-semibold">Loading Kaizen…</p>
      <div aria-hidden="true" className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-40 animate-pulse rounded-xl bg-slate-200 dark:bg-slate-800" />
        ))}
      </div>
    </div>
  );
}
