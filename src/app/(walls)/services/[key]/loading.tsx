// Shown while the snapshot loads: the shape of the wall, so the screen does not jump.
export default function WallLoading() {
  return (
    <div className="flex h-[calc(100vh-3.5rem)] flex-col" aria-busy="true">
      <div className="px-4 py-3 sm:px-6">
        <div className="h-8 w-72 animate-pulse rounded bg-slate-300 dark:bg-slate-800" />
        <p className="mt-2 text-base text-slate-600 dark:text-slate-400">Loading the wall…</p>
      </div>
      <div className="flex flex-1 gap-3 overflow-hidden px-4 pb-4 sm:px-6">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-64 w-80 shrink-0 animate-pulse rounded-xl bg-slate-200 dark:bg-slate-900" />
        ))}
      </div>
    </div>
  );
}
