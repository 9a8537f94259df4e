import Link from "next/link";

const range = (from: string, to: string) => {
  const f = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  return `${f(from)} – ${f(new Date(new Date(to).getTime() - 1).toISOString())}`;
};

/** The week shown, with links to the weeks before and after (and back to this one). */
export function WeekNav({ basePath, week, from, to, previous, next, current }: { basePath: string; week: string; from: string; to: string; previous: string; next: string; current: boolean }) {
  const link = "rounded border border-slate-400 px-2 py-0.5 text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-800";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <p className="font-medium">
        {week} · {range(from, to)} (UTC)
      </p>
      <nav aria-label="Weeks" className="flex gap-2">
        <Link href={`${basePath}?week=${previous}`} className={link} rel="prev">
          ← {previous}
        </Link>
        {!current && (
          <Link href={basePath} className={link}>
            This week
          </Link>
        )}
        <Link href={`${basePath}?week=${next}`} className={link} rel="next">
          {next} →
        </Link>
      </nav>
    </div>
  );
}
