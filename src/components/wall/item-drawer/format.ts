// Times in the drawer are UTC, the same for everyone looking at one wall (and on the server's HTML).
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return "—";
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function formatNumber(n: number | null, unit = ""): string {
  if (n === null) return "—";
  return `${n.toLocaleString("en-GB")}${unit}`;
}

export const KIND_LABEL = {
  FEATURE: "Feature",
  RFC: "RfC",
  MAINTENANCE: "Maintenance",
  DEFECT: "Defect",
  IMPROVEMENT: "Improvement",
} as const;

export const buttonClass =
  "inline-flex items-center justify-center rounded-md bg-sky-700 px-3 py-2 text-sm font-semibold text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-60";
export const secondaryButtonClass =
  "inline-flex items-center justify-center rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800";
export const dangerButtonClass =
  "inline-flex items-center justify-center rounded-md bg-red-700 px-3 py-2 text-sm font-semibold text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-500 disabled:opacity-60";
export const inputClass =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus-visible:outline-2 focus-visible:outline-sky-500 aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-950";
